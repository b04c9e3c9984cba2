package org.diffusionj.cli;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import java.util.Locale;

/**
 * The figures that show a task kept its promise about the data, measured on the saved ImageJ images
 * (after rounding to the image type): pixels outside a selection unchanged, the gray of a colorization
 * equal to the input, a super-resolution that averages back to the input.
 */
final class DataConsistency {
    private DataConsistency() {
    }

    /** Largest change outside {@code roi} (0 when the selection was respected). */
    static String outside(ImagePlus input, ImagePlus result, Roi roi) {
        ImageProcessor a = input.getProcessor();
        ImageProcessor b = result.getProcessor();
        double max = 0;
        double inside = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                double d = difference(a, b, x, y);
                if (roi.contains(x, y)) {
                    inside += d;
                    n++;
                } else {
                    max = Math.max(max, d);
                }
            }
        }
        return String.format(Locale.ROOT, "max |change| outside the selection = %.3g; mean |change| inside = %.3g",
                max, n == 0 ? 0 : inside / n);
    }

    /** Mean absolute difference between the mean of R, G, B and the gray input. */
    static String gray(ImagePlus gray, ImagePlus color) {
        ImageProcessor g = gray.getProcessor();
        int[] rgb = (int[]) color.getProcessor().getPixels();
        double sum = 0;
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i];
            sum += Math.abs((((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff)) / 3.0 - g.getf(i));
        }
        return String.format(Locale.ROOT, "mean |gray(result) - input| = %.3f gray levels", sum / rgb.length);
    }

    /** Root-mean-square difference between the result average-pooled by {@code scale} and the input. */
    static String pooled(ImagePlus input, ImagePlus result, int scale) {
        ImageProcessor a = input.getProcessor();
        ImageProcessor b = result.getProcessor();
        double sum = 0;
        double range = Math.max(1e-9, a.getStatistics().max - a.getStatistics().min);
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                double mean = 0;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        mean += b.getf(x * scale + dx, y * scale + dy);
                    }
                }
                double d = mean / (scale * scale) - a.getf(x, y);
                sum += d * d;
            }
        }
        double rms = Math.sqrt(sum / (a.getWidth() * a.getHeight()));
        return String.format(Locale.ROOT, "RMS |avgpool(result) - input| = %.3g (%.2g %% of the input range)", rms,
                100 * rms / range);
    }

    private static double difference(ImageProcessor a, ImageProcessor b, int x, int y) {
        if (a.getBitDepth() != 24) {
            return Math.abs(a.getf(x, y) - b.getf(x, y));
        }
        int p = a.get(x, y);
        int q = b.get(x, y);
        double d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
        }
        return d;
    }
}
