package org.diffusionj.imagej;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.Range;

/**
 * The values of a command's parameters, read from a dialog or a macro, with typed getters whose errors
 * name the key ({@code steps: 'ten' is not a whole number}).
 */
public final class Settings {
    private final List<CommandOption> parameters;
    private final Map<String, String> values;

    /** Settings for {@code parameters}, any key missing from {@code values} taking its default. */
    public Settings(List<CommandOption> parameters, Map<String, String> values) {
        this.parameters = List.copyOf(parameters);
        Map<String, String> all = new LinkedHashMap<>();
        for (CommandOption p : parameters) {
            String v = values.get(p.key());
            all.put(p.key(), v == null ? p.defaultValue() : v.trim());
        }
        this.values = Collections.unmodifiableMap(all);
    }

    /** The defaults of {@code parameters}. */
    public static Settings defaults(List<CommandOption> parameters) {
        return new Settings(parameters, Map.of());
    }

    public List<CommandOption> parameters() {
        return parameters;
    }

    /** Every key with its value, in dialog order. */
    public Map<String, String> values() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String text(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no parameter '" + key + "' in this command");
        }
        return v;
    }

    /** A number, within the option's declared {@link CommandOption#range} when it has one. */
    public double number(String key) {
        String v = text(key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
        }
        Range range = option(key) == null ? null : option(key).range();
        return range == null ? d : range.check(key, d);
    }

    /** A whole number, within the option's declared {@link CommandOption#range} when it has one. */
    public long whole(String key) {
        double d = number(key);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(key + ": '" + text(key) + "' is not a whole number");
        }
        return (long) d;
    }

    /** A whole number that fits an int (its range declared with the option). */
    public int integer(String key) {
        return Math.toIntExact(whole(key));
    }

    private CommandOption option(String key) {
        for (CommandOption p : parameters) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** A whole number within [{@code min}, {@code max}]. */
    public int whole(String key, int min, int max) {
        long v = whole(key);
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + v);
        }
        return (int) v;
    }

    public boolean flag(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on");
    }

    /** A choice, checked against the parameter's list (case-insensitive); the error lists the valid values. */
    public String choice(String key) {
        String v = text(key);
        for (CommandOption p : parameters) {
            if (p.key().equals(key) && p.kind() == CommandOption.Kind.CHOICE) {
                for (String c : p.choices()) {
                    if (c.equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException(key + ": '" + v + "' is not one of " + p.choices());
            }
        }
        return v;
    }

    /** A copy with {@code key} set to {@code value}. */
    public Settings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Settings(parameters, copy);
    }

    /**
     * The macro options that reproduce these settings, as the recorder writes them: {@code key=value},
     * brackets around values with spaces, a bare key for a ticked checkbox, nothing for an unticked one.
     */
    public String toMacroOptions() {
        StringBuilder s = new StringBuilder();
        for (CommandOption p : parameters) {
            String v = values.get(p.key());
            String item;
            if (p.kind() == CommandOption.Kind.FLAG) {
                item = flag(p.key()) ? p.key() : null;
            } else {
                item = p.key() + "=" + OptionString.quote(v);
            }
            if (item != null) {
                s.append(s.length() == 0 ? "" : " ").append(item);
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return toMacroOptions();
    }
}
