package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * The classical inpainting fill: inside the hole, the solution of Laplace's equation with the known pixels as
 * Dirichlet boundary (and a reflecting, Neumann border where the hole meets the image's edge), the smoothest
 * fill there is. Solved per channel by successive over-relaxation (Young 1954) on the 5-point stencil, with the
 * relaxation factor that is optimal for a square of the hole's thickness, {@code 2 / (1 + sin(pi / (n + 1)))},
 * until no pixel moves by more than a tolerance.
 *
 * <p>Inpainting starts its sampling from this fill and weighs it against the diffusion draws; the quality
 * harness uses it as the baseline to beat.
 */
public final class HarmonicFill {

    /** The fill, how many sweeps it took and whether it met the tolerance. */
    public record Solution(Tensor image, int sweeps, boolean converged) {
    }

    private static final int MAX_SWEEPS = 100_000;

    private HarmonicFill() {
    }

    /** The fill to a tolerance of 1e-6 of the known pixels' range (the hole may hold anything). */
    public static Solution fill(Tensor img, boolean[] hole) {
        return fill(img, hole, 1e-6 * knownRange(img, hole));
    }

    /**
     * {@code img} ({@code [1, C, H, W]}) with the pixels where {@code hole} ({@code H * W}) is true replaced by
     * the harmonic fill; the other pixels are copied unchanged.
     *
     * @param tolerance stop when a sweep moves no pixel by more than this (image units)
     */
    public static Solution fill(Tensor img, boolean[] hole, double tolerance) {
        int w = img.width();
        int h = img.height();
        if (img.batch() != 1 || hole.length != w * h) {
            throw new IllegalArgumentException("The mask has " + hole.length + " pixels, the image is " + img);
        }
        int[] inside = indices(hole);
        Tensor out = img.copy();
        double omega = 2 / (1 + Math.sin(Math.PI / (thickness(hole, w, h) + 1)));
        int sweeps = 0;
        boolean converged = true;
        for (int c = 0; c < img.channels(); c++) {
            startFromMean(out, hole, inside, c);
            boolean done = inside.length == 0;
            int s = 0;
            while (!done && s < MAX_SWEEPS) {
                double moved = 0;
                for (int i : inside) {
                    int x = i % w;
                    int y = i / w;
                    double target = neighbourSum(out, c, x, y) / neighbourCount(w, h, x, y);
                    double old = out.get(0, c, y, x);
                    double next = old + omega * (target - old);
                    out.set(0, c, y, x, (float) next);
                    moved = Math.max(moved, Math.abs(next - old));
                }
                s++;
                done = moved <= tolerance;
            }
            sweeps = Math.max(sweeps, s);
            converged &= done;
        }
        return new Solution(out, sweeps, converged);
    }

    /** Sum of the existing 4-neighbours of (x, y) in channel c of the first item. */
    public static double neighbourSum(Tensor img, int c, int x, int y) {
        double s = 0;
        if (x > 0) {
            s += img.get(0, c, y, x - 1);
        }
        if (x + 1 < img.width()) {
            s += img.get(0, c, y, x + 1);
        }
        if (y > 0) {
            s += img.get(0, c, y - 1, x);
        }
        if (y + 1 < img.height()) {
            s += img.get(0, c, y + 1, x);
        }
        return s;
    }

    /** How many 4-neighbours (x, y) has inside a {@code w x h} image. */
    public static int neighbourCount(int w, int h, int x, int y) {
        return (x > 0 ? 1 : 0) + (x + 1 < w ? 1 : 0) + (y > 0 ? 1 : 0) + (y + 1 < h ? 1 : 0);
    }

    /** The hole's thickness: the largest, over its pixels, of the shorter of its horizontal and vertical runs. */
    public static int thickness(boolean[] hole, int w, int h) {
        int[] across = new int[hole.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; ) {
                int end = x;
                while (end < w && hole[y * w + end]) {
                    end++;
                }
                for (int i = x; i < end; i++) {
                    across[y * w + i] = end - x;
                }
                x = Math.max(end, x + 1);
            }
        }
        int best = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; ) {
                int end = y;
                while (end < h && hole[end * w + x]) {
                    end++;
                }
                for (int i = y; i < end; i++) {
                    best = Math.max(best, Math.min(across[i * w + x], end - y));
                }
                y = Math.max(end, y + 1);
            }
        }
        return best;
    }

    private static int[] indices(boolean[] hole) {
        int n = 0;
        for (boolean b : hole) {
            n += b ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < hole.length; i++) {
            if (hole[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The unknown pixels of channel c set to the mean of the known ones: a start close to the answer. */
    private static void startFromMean(Tensor img, boolean[] hole, int[] inside, int c) {
        float[] d = img.data();
        int offset = c * hole.length;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < hole.length; i++) {
            if (!hole[i]) {
                sum += d[offset + i];
                n++;
            }
        }
        float mean = n == 0 ? 0 : (float) (sum / n);
        for (int i : inside) {
            d[offset + i] = mean;
        }
    }

    private static double knownRange(Tensor img, boolean[] hole) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] d = img.data();
        for (int i = 0; i < d.length; i++) {
            if (!hole[i % hole.length]) {
                min = Math.min(min, d[i]);
                max = Math.max(max, d[i]);
            }
        }
        return max > min ? max - min : 1;
    }
}
