package org.diffusionj.imagej;

import java.util.List;
import java.util.Locale;
import org.diffusionj.api.Range;

/**
 * One option of a command: its macro key, the dialog label it comes from, its kind and default.
 *
 * <p>ImageJ derives a macro key from the first word of a dialog label, lower-cased; {@link #of} checks that
 * the label and the key agree, so the public macro API cannot drift from the dialogs.
 *
 * @param key          the macro key, e.g. {@code steps}
 * @param label        the dialog label; its first word is the key
 * @param kind         how the value is entered and parsed
 * @param defaultValue the value used when a macro leaves the key out
 * @param choices      the valid values of a {@link Kind#CHOICE} (empty otherwise)
 * @param help         one line for the README and the dialog's help
 * @param range        the valid numbers (the API's own {@link Range} object for the option), or null
 */
public record CommandOption(String key, String label, Kind kind, String defaultValue, List<String> choices, String help,
        Range range) {

    /** How a parameter is entered in a dialog and read from a macro. */
    public enum Kind {
        /** A decimal number. */
        NUMBER,
        /** A whole number. */
        INTEGER,
        /** One of a fixed list of words. */
        CHOICE,
        /** Free text (a path, a class name). */
        TEXT,
        /** A checkbox: the bare key in a macro means ticked. */
        FLAG
    }

    public CommandOption {
        choices = List.copyOf(choices);
        if (!keyOf(label).equals(key)) {
            throw new IllegalArgumentException("label '" + label + "' would record as '" + keyOf(label) + "', not '" + key + "'");
        }
    }

    /** A parameter of {@code kind}. */
    public static CommandOption of(String key, String label, Kind kind, Object defaultValue, String help) {
        return new CommandOption(key, label, kind, String.valueOf(defaultValue), List.of(), help, null);
    }

    /** A choice among {@code choices}. */
    public static CommandOption choice(String key, String label, List<String> choices, String defaultValue, String help) {
        return new CommandOption(key, label, Kind.CHOICE, defaultValue, choices, help, null);
    }

    /** A copy with another default (a session setting, or a choice list that depends on the model). */
    public CommandOption withDefault(String value) {
        return new CommandOption(key, label, kind, value, choices, help, range);
    }

    /** A drop-down copy offering {@code values}, {@code value} selected (the macro key is unchanged). */
    public CommandOption withChoices(List<String> values, String value) {
        return new CommandOption(key, label, Kind.CHOICE, value, values, help, range);
    }

    /** A copy whose values must lie in {@code valid} (checked by {@link Settings}, errors naming the key). */
    public CommandOption within(Range valid) {
        return new CommandOption(key, label, kind, defaultValue, choices, help, valid);
    }

    /** The macro key ImageJ records for a dialog label (as {@code ij.Macro.trimKey} does). */
    public static String keyOf(String label) {
        String key = label;
        int space = key.indexOf(' ');
        if (space >= 0) {
            key = key.substring(0, space);
        }
        int colon = key.indexOf(':');
        if (colon >= 0) {
            key = key.substring(0, colon);
        }
        return key.toLowerCase(Locale.US);
    }
}
