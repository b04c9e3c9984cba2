package org.diffusionj.eval;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.task.HarmonicFill;

/**
 * How a filled hole looks next to the ground truth, beyond PSNR (which rewards a blurry mean): its
 * high-frequency energy, and the size of the step at its border. Both are ratios to the ground truth's own
 * value, so 1 is ideal. Masks are one boolean per pixel, true inside the hole, applied to every channel.
 */
public final class HoleMeasures {

    private HoleMeasures() {
    }

    /**
     * Mean squared discrete Laplacian (5-point, the sum over the existing 4-neighbours of their difference to
     * the pixel) over the hole's pixels: the energy of the finest detail. A constant, a linear ramp and a
     * converged {@link HarmonicFill} score 0.
     */
    public static double laplacianEnergy(FloatImage img, boolean[] hole) {
        int w = img.width();
        Tensor t = img.toTensor();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < hole.length; i++) {
            if (!hole[i]) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            int neighbours = HarmonicFill.neighbourCount(w, img.height(), x, y);
            for (int c = 0; c < img.channels(); c++) {
                double lap = HarmonicFill.neighbourSum(t, c, x, y) - neighbours * img.get(x, y, c);
                sum += lap * lap;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Realism: the result's Laplacian energy inside the hole over the ground truth's. A smooth fill scores near
     * 0, a fill with the truth's texture near 1, noise above 1. NaN when the truth itself is flat there.
     */
    public static double detailRatio(FloatImage truth, FloatImage result, boolean[] hole) {
        double reference = laplacianEnergy(truth, hole);
        return reference == 0 ? Double.NaN : laplacianEnergy(result, hole) / reference;
    }

    /** Mean {@code |inside - outside|} over the pairs of 4-neighbours that straddle the hole's border. */
    public static double borderStep(FloatImage img, boolean[] hole) {
        int w = img.width();
        int h = img.height();
        double sum = 0;
        long n = 0;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (x + 1 < w && hole[y * w + x] != hole[y * w + x + 1]) {
                        sum += Math.abs(img.get(x, y, c) - img.get(x + 1, y, c));
                        n++;
                    }
                    if (y + 1 < h && hole[y * w + x] != hole[(y + 1) * w + x]) {
                        sum += Math.abs(img.get(x, y, c) - img.get(x, y + 1, c));
                        n++;
                    }
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Seam: the result's mean step across the hole's border over the ground truth's. About 1 means the border
     * is as continuous as the real image; above 1 a visible seam; below 1 a fill that is smoother there than
     * the truth.
     */
    public static double seamRatio(FloatImage truth, FloatImage result, boolean[] hole) {
        double reference = borderStep(truth, hole);
        return reference == 0 ? Double.NaN : borderStep(result, hole) / reference;
    }
}
