package org.diffusionj.imagej;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes ImageJ macro option strings such as {@code steps=20 model=[my model] stack}.
 *
 * <p>The syntax is ImageJ's own ({@code Macro.getValue} / {@code GenericDialog} recording): {@code key=value},
 * {@code key=[value with spaces]}, and a bare {@code key} for a ticked checkbox. Keys are lower case.
 */
public final class OptionString {
    private OptionString() {
    }

    /** The keys and values of {@code options} in order; a bare key maps to {@code "true"}. Null gives an empty map. */
    public static Map<String, String> parse(String options) {
        Map<String, String> values = new LinkedHashMap<>();
        if (options == null) {
            return values;
        }
        int i = 0;
        int n = options.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(options.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String key = options.substring(start, i).toLowerCase(java.util.Locale.ROOT);
            if (i < n && options.charAt(i) == '=') {
                i++;
                int end;
                String value;
                if (i < n && options.charAt(i) == '[') {
                    end = options.indexOf(']', i + 1);
                    end = end < 0 ? n : end;
                    value = options.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                } else {
                    end = i;
                    while (end < n && !Character.isWhitespace(options.charAt(end))) {
                        end++;
                    }
                    value = options.substring(i, end);
                    i = end;
                }
                values.put(key, value);
            } else {
                values.put(key, "true");
            }
        }
        return values;
    }

    /** Formats {@code key=value} pairs the way ImageJ records them (brackets around values with spaces). */
    public static String format(Map<String, String> values) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(e.getKey()).append('=').append(quote(e.getValue()));
        }
        return s.toString();
    }

    /** A value as ImageJ writes it: in brackets when it holds a space or is empty. */
    public static String quote(String value) {
        return value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('=') >= 0 ? "[" + value + "]" : value;
    }
}
