package org.diffusionj.imagej;

import ij.ImagePlus;
import java.util.Locale;
import java.util.Map;

/** The text put into a result's Info property (Image > Show Info): what made it, from what, with which options. */
public final class ImageInfo {
    private ImageInfo() {
    }

    /** The Info text of a result. */
    public static String describe(DiffusionTask task, ImagePlus source, Settings settings, Planes planes,
            String engineInfo, Map<String, Double> metrics, double seconds) {
        StringBuilder s = new StringBuilder();
        s.append("DiffusionJ command: ").append(task.macroName()).append('\n');
        s.append("Macro: run(\"").append(task.macroName()).append("\", \"").append(settings.toMacroOptions())
                .append("\");\n");
        s.append("Source: ").append(source.getTitle()).append(" (").append(typeName(source)).append(", ")
                .append(source.getWidth()).append('x').append(source.getHeight()).append(", ")
                .append(planes.describe(source)).append(")\n");
        if (source.getRoi() != null && task.selection() != DiffusionTask.SelectionUse.IGNORED) {
            java.awt.Rectangle b = source.getRoi().getBounds();
            s.append("Selection: ").append(source.getRoi().getTypeAsString()).append(" at x=").append(b.x)
                    .append(" y=").append(b.y).append(", ").append(b.width).append('x').append(b.height).append('\n');
        }
        for (Map.Entry<String, String> e : settings.values().entrySet()) {
            s.append("diffusion.").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        if (engineInfo != null && !engineInfo.isBlank()) {
            s.append(engineInfo.strip()).append('\n');
        }
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            s.append("metric.").append(e.getKey()).append(" = ")
                    .append(String.format(Locale.ROOT, "%.6g", e.getValue())).append('\n');
        }
        s.append(String.format(Locale.ROOT, "Time: %.2f s%n", seconds));
        return s.toString();
    }

    /** "8-bit", "16-bit", "32-bit" or "RGB". */
    public static String typeName(ImagePlus image) {
        return image.getBitDepth() == 24 ? "RGB" : image.getBitDepth() + "-bit";
    }
}
