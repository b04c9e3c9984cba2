package org.diffusionj.imagej;

import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The interactive dialog of a command, built from its parameters. ImageJ's recorder writes the values as
 * macro options keyed by the first word of each label, which is why {@link CommandOption} insists on it.
 * Never used headless or when a macro supplies options.
 */
public final class SettingsDialog {
    private SettingsDialog() {
    }

    /**
     * Shows the dialog; returns the settings, or null when the user cancels.
     *
     * <p>Parameters that {@code advanced} selects are not in the first dialog: its Advanced... button opens a
     * second one with them. Values the user did not see keep their defaults (remembered from the last run);
     * those that differ from {@code recordedDefaults} are added to the macro recorder's line, so that a
     * recorded macro repeats exactly what ran.
     *
     * @param shown            which parameters appear at all (the others keep their defaults)
     * @param advanced         which of them wait behind the Advanced... button
     * @param recordedDefaults the defaults a macro gets when it leaves a key out
     * @param header           a line shown above the fields, or null
     */
    public static Settings show(String title, List<CommandOption> parameters, Predicate<CommandOption> shown,
            Predicate<CommandOption> advanced, Map<String, String> recordedDefaults, String header) {
        Predicate<CommandOption> first = shown.and(advanced.negate());
        Predicate<CommandOption> second = shown.and(advanced);
        boolean anyAdvanced = parameters.stream().anyMatch(second);
        GenericDialog gd = build(title, parameters, first, header);
        if (anyAdvanced) {
            gd.enableYesNoCancel("OK", "Advanced...");
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        Map<String, String> values = read(gd, parameters, first);
        if (anyAdvanced && !gd.wasOKed()) {
            GenericDialog more = build(title + " (advanced)", parameters, second, "Sampler, device and tiling");
            more.showDialog();
            if (more.wasCanceled()) {
                return null;
            }
            values.putAll(read(more, parameters, second));
        } else {
            for (CommandOption p : parameters) {
                String standard = recordedDefaults.get(p.key());
                if (second.test(p) && standard != null && !standard.equals(p.defaultValue())) {
                    values.put(p.key(), p.defaultValue());
                    Recorder.recordOption(p.key(), p.defaultValue());
                }
            }
        }
        return new Settings(parameters, values);
    }

    /** The dialog, not yet shown (the screenshot tour shows it without waiting). */
    public static GenericDialog build(String title, List<CommandOption> parameters, Predicate<CommandOption> shown,
            String header) {
        GenericDialog gd = new GenericDialog(title);
        if (header != null) {
            gd.addMessage(header);
        }
        for (CommandOption p : parameters) {
            if (!shown.test(p)) {
                continue;
            }
            switch (p.kind()) {
                case NUMBER -> gd.addNumericField(p.label(), Double.parseDouble(p.defaultValue()), decimals(p.defaultValue()));
                case INTEGER -> gd.addNumericField(p.label(), Double.parseDouble(p.defaultValue()), 0);
                case CHOICE -> gd.addChoice(p.label(), p.choices().toArray(new String[0]), p.defaultValue());
                case TEXT -> gd.addStringField(p.label(), p.defaultValue(), 18);
                case FLAG -> gd.addCheckbox(p.label(), Boolean.parseBoolean(p.defaultValue()));
                default -> throw new IllegalStateException(p.kind().toString());
            }
        }
        gd.addHelp(help(title, parameters, shown));
        return gd;
    }

    /** The Help button's page: each shown key with its meaning and default. */
    static String help(String title, List<CommandOption> parameters, Predicate<CommandOption> shown) {
        StringBuilder html = new StringBuilder("<html><h2>").append(title).append("</h2><table>");
        for (CommandOption p : parameters) {
            if (shown.test(p)) {
                html.append("<tr><td><b>").append(p.key()).append("</b></td><td>").append(p.help())
                        .append(" (default: ").append(p.defaultValue().isEmpty() ? "none" : p.defaultValue())
                        .append(")</td></tr>");
            }
        }
        return html.append("</table></html>").toString();
    }

    private static Map<String, String> read(GenericDialog gd, List<CommandOption> parameters, Predicate<CommandOption> shown) {
        Map<String, String> values = new LinkedHashMap<>();
        for (CommandOption p : parameters) {
            if (!shown.test(p)) {
                continue;
            }
            String v = switch (p.kind()) {
                case NUMBER -> number(gd, p, false);
                case INTEGER -> number(gd, p, true);
                case CHOICE -> gd.getNextChoice();
                case TEXT -> gd.getNextString();
                case FLAG -> Boolean.toString(gd.getNextBoolean());
            };
            values.put(p.key(), v);
        }
        return values;
    }

    private static String number(GenericDialog gd, CommandOption p, boolean whole) {
        double v = gd.getNextNumber();
        if (gd.invalidNumber()) {
            throw new IllegalArgumentException(p.key() + ": " + gd.getErrorMessage());
        }
        return whole ? Long.toString(Math.round(v)) : Double.toString(v);
    }

    /** Decimals to show for a default such as 0.85 (2) or 7.5 (1); at least one. */
    static int decimals(String value) {
        int dot = value.indexOf('.');
        if (dot < 0) {
            return 1;
        }
        String frac = value.substring(dot + 1).replaceAll("0+$", "");
        return Math.max(1, Math.min(4, frac.length()));
    }
}
