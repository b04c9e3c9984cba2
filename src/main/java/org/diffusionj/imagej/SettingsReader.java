package org.diffusionj.imagej;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a command's settings from macro options without any dialog (batch mode, headless, scripts).
 * Keys the command does not know are reported through the warning sink and otherwise ignored, so a typo
 * such as {@code stpes=10} does not pass silently.
 */
public final class SettingsReader {
    private SettingsReader() {
    }

    /**
     * The settings in {@code options} for {@code parameters}; absent keys take their defaults, an absent
     * checkbox key means unticked.
     */
    public static Settings read(String command, List<CommandOption> parameters, String options, Consumer<String> warnings) {
        Map<String, String> given = OptionString.parse(options);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> valid = new ArrayList<>();
        for (CommandOption p : parameters) {
            valid.add(p.key());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (valid.contains(e.getKey())) {
                values.put(e.getKey(), e.getValue());
            } else {
                warnings.accept(command + ": unknown key '" + e.getKey() + "' ignored (valid keys: "
                        + String.join(", ", valid) + ")");
            }
        }
        for (CommandOption p : parameters) {
            if (p.kind() == CommandOption.Kind.FLAG && !values.containsKey(p.key())) {
                values.put(p.key(), "false");
            }
        }
        return new Settings(parameters, values);
    }
}
