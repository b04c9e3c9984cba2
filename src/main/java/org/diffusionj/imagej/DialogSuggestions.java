package org.diffusionj.imagej;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.diffusionj.engine.task.HarmonicFill;

/**
 * First-run dialog defaults read from the image, for a microscopist who has not used a command before: the
 * class that matches the image, and for a thin selection the defect recipe. Macros never see these (their
 * defaults are the documented ones); after the first run the dialog remembers the user's own values instead.
 */
final class DialogSuggestions {
    /** Selections at most this thick (pixels) are thin defects: dead lines, scratches, spots. */
    static final int THIN = 6;
    /** Where in its 1-99 % range an 8-bit image's median must lie for a bright (brightfield) background. */
    private static final double DARK_BACKGROUND = 0.35;
    /** The same for 16- and 32-bit images, which are mostly fluorescence. */
    private static final double BRIGHT_BACKGROUND = 0.65;

    private DialogSuggestions() {
    }

    /** {@code parameters} with defaults suggested by {@code image} (and its selection) where there is a clue. */
    static List<CommandOption> apply(List<CommandOption> parameters, ImagePlus image, boolean inpaint) {
        Map<String, String> suggested = new java.util.HashMap<>();
        String kind = imageClass(image);
        suggested.put(Keys.CLASS, kind);
        suggested.put(Keys.SOURCE, kind);
        if (inpaint && thinSelection(image)) {
            suggested.put(Keys.START, "0.3");
            suggested.put(Keys.SAMPLES, "4");
        }
        List<CommandOption> out = new ArrayList<>();
        for (CommandOption p : parameters) {
            String v = suggested.get(p.key());
            out.add(v == null ? p : p.withDefault(v));
        }
        return out;
    }

    /**
     * The embedded model's class for this image: {@code histology} for RGB; for grayscale, {@code brightfield}
     * on a bright background and {@code fluorescence} on a dark one, judged by where the median lies in the
     * 1-99 % range. 16- and 32-bit images are fluorescence unless the background is clearly bright (median
     * above 65 %: a crop filled with bright nuclei is still fluorescence); 8-bit ones unless it is not dark
     * (median above 35 %).
     */
    static String imageClass(ImagePlus image) {
        if (image.getBitDepth() == 24) {
            return "histology";
        }
        ImageProcessor ip = image.getProcessor();
        int n = ip.getPixelCount();
        int stride = Math.max(1, n / 65536);
        float[] v = new float[(n + stride - 1) / stride];
        for (int i = 0, k = 0; i < n; i += stride) {
            v[k++] = ip.getf(i);
        }
        Arrays.sort(v);
        float low = v[(int) (0.01 * (v.length - 1))];
        float high = v[(int) (0.99 * (v.length - 1))];
        float median = v[(v.length - 1) / 2];
        if (!(high > low)) {
            return Keys.NO_CLASS;
        }
        double bright = image.getBitDepth() == 8 ? DARK_BACKGROUND : BRIGHT_BACKGROUND;
        return (median - low) / (high - low) > bright ? "brightfield" : "fluorescence";
    }

    /** Whether the area selection is a thin defect (at most {@link #THIN} pixels across). */
    static boolean thinSelection(ImagePlus image) {
        Roi roi = image.getRoi();
        if (roi == null || !roi.isArea()) {
            return false;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        float[] mask = SelectionMask.of(roi, w, h);
        boolean[] hole = new boolean[mask.length];
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            hole[i] = mask[i] > 0.5f;
            any |= hole[i];
        }
        return any && HarmonicFill.thickness(hole, w, h) <= THIN;
    }
}
