package org.diffusionj.cli;

import ij.IJ;
import ij.Menus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diffusionj.plugin.DiffusionCommands;

/**
 * ImageJ 1 without a display, with the Diffusion commands installed.
 *
 * <p>ImageJ builds its command table while building its menus, which needs a display. Here the table is
 * filled directly: ImageJ's submenu commands from its {@code IJ_Props.txt}, the main-menu commands it
 * hard-codes, the Diffusion menu labels and their macro names. The macro interpreter's {@code run(...)}
 * then finds them. Commands that open a dialog still need a display (ImageJ's own GenericDialog); the
 * Diffusion commands never open one when a macro gives options or when headless.
 */
public final class HeadlessImageJ {
    private static final Pattern PROPS_LINE = Pattern.compile("^[a-z]+[0-9]+=\"(.+)\",\\s*(\\S.*)$");
    /** Main-menu commands that ImageJ adds in code rather than from IJ_Props.txt (the ones macros use). */
    private static final Map<String, String> MAIN_MENU = Map.ofEntries(
            Map.entry("Open...", "ij.plugin.Commands(\"open\")"),
            Map.entry("Close", "ij.plugin.Commands(\"close\")"),
            Map.entry("Close All", "ij.plugin.Commands(\"close-all\")"),
            Map.entry("Save", "ij.plugin.Commands(\"save\")"),
            Map.entry("Revert", "ij.plugin.Commands(\"revert\")"),
            Map.entry("Clear", "ij.plugin.filter.Filler(\"clear\")"),
            Map.entry("Clear Outside", "ij.plugin.filter.Filler(\"outside\")"),
            Map.entry("Fill", "ij.plugin.filter.Filler(\"fill\")"),
            Map.entry("Draw", "ij.plugin.filter.Filler(\"draw\")"),
            Map.entry("Invert", "ij.plugin.filter.Filters(\"invert\")"),
            Map.entry("Properties...", "ij.plugin.filter.ImageProperties"),
            Map.entry("Crop", "ij.plugin.Resizer(\"crop\")"),
            Map.entry("Duplicate...", "ij.plugin.Duplicator"),
            Map.entry("Rename...", "ij.plugin.SimpleCommands(\"rename\")"),
            Map.entry("Scale...", "ij.plugin.Scaler"),
            Map.entry("Smooth", "ij.plugin.filter.Filters(\"smooth\")"),
            Map.entry("Sharpen", "ij.plugin.filter.Filters(\"sharpen\")"),
            Map.entry("Find Edges", "ij.plugin.filter.Filters(\"edge\")"),
            Map.entry("Enhance Contrast...", "ij.plugin.ContrastEnhancer"),
            Map.entry("Image Calculator...", "ij.plugin.ImageCalculator"),
            Map.entry("Measure", "ij.plugin.filter.Analyzer"),
            Map.entry("Clear Results", "ij.plugin.filter.Analyzer(\"clear\")"),
            Map.entry("Set Measurements...", "ij.plugin.filter.Analyzer(\"set\")"),
            Map.entry("Set Scale...", "ij.plugin.filter.ScaleDialog"),
            Map.entry("8-bit", "ij.plugin.Converter(\"8-bit\")"),
            Map.entry("16-bit", "ij.plugin.Converter(\"16-bit\")"),
            Map.entry("32-bit", "ij.plugin.Converter(\"32-bit\")"),
            Map.entry("RGB Color", "ij.plugin.Converter(\"RGB Color\")"),
            Map.entry("8-bit Color", "ij.plugin.Converter(\"8-bit Color\")"),
            Map.entry("RGB Stack", "ij.plugin.Converter(\"RGB Stack\")"));

    private HeadlessImageJ() {
    }

    /** Fills ImageJ's command table (once) and registers the Diffusion commands. */
    public static synchronized void start() {
        if (Menus.getCommands() == null) {
            install(table());
        }
    }

    /** ImageJ's commands plus the Diffusion ones, label to class. */
    static Hashtable<String, String> table() {
        Hashtable<String, String> table = new Hashtable<>();
        try (InputStream in = IJ.class.getResourceAsStream("/IJ_Props.txt")) {
            if (in != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = PROPS_LINE.matcher(line.trim());
                    if (m.matches()) {
                        table.put(label(m.group(1)), m.group(2).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read ImageJ's IJ_Props.txt: " + e.getMessage(), e);
        }
        table.putAll(MAIN_MENU);
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            table.put(c.name(), c.plugin());
        }
        return table;
    }

    /** A menu label without its keyboard shortcut ("Select All[a]" is the command "Select All"). */
    static String label(String item) {
        if (item.endsWith("]") && item.lastIndexOf('[') > 0) {
            return item.substring(0, item.lastIndexOf('[')).trim();
        }
        return item;
    }

    private static void install(Hashtable<String, String> table) {
        try {
            Field f = Menus.class.getDeclaredField("pluginsTable");
            f.setAccessible(true);
            f.set(null, table);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this ImageJ version does not allow headless command registration ("
                    + e + ")", e);
        }
    }
}
