package org.diffusionj.eval;

/**
 * The classical inpainting baseline: inside the mask, the solution of Laplace's equation with the known pixels
 * as Dirichlet boundary (and a reflecting, Neumann border where the mask meets the image's edge), the
 * smoothest fill there is. Solved per channel by successive over-relaxation (Young 1954) on the 5-point
 * stencil, with the relaxation factor that is optimal for a square of the hole's thickness,
 * {@code 2 / (1 + sin(pi / (n + 1)))}, until no pixel moves by more than a tolerance.
 */
public final class HarmonicFill {

    /** The fill, how many sweeps it took and whether it met the tolerance. */
    public record Solution(FloatImage image, int sweeps, boolean converged) {
    }

    private static final int MAX_SWEEPS = 100_000;

    private HarmonicFill() {
    }

    /** The fill to a tolerance of 1e-6 of the image's range. */
    public static Solution fill(FloatImage img, boolean[] hole) {
        return fill(img, hole, 1e-6 * img.range());
    }

    /**
     * {@code img} with the pixels where {@code hole} is true replaced by the harmonic fill; the other pixels
     * are copied unchanged.
     *
     * @param tolerance stop when a sweep moves no pixel by more than this (image units)
     */
    public static Solution fill(FloatImage img, boolean[] hole, double tolerance) {
        if (hole.length != img.plane()) {
            throw new IllegalArgumentException("The mask has " + hole.length + " pixels, the image " + img.plane());
        }
        int w = img.width();
        int h = img.height();
        int[] inside = indices(hole);
        FloatImage out = img.copy();
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
                    double target = neighbourSum(out, x, y, c) / neighbourCount(w, h, x, y);
                    double old = out.get(x, y, c);
                    double next = old + omega * (target - old);
                    out.set(x, y, c, (float) next);
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

    /** Sum of the existing 4-neighbours of (x, y) in channel c. */
    static double neighbourSum(FloatImage img, int x, int y, int c) {
        double s = 0;
        if (x > 0) {
            s += img.get(x - 1, y, c);
        }
        if (x + 1 < img.width()) {
            s += img.get(x + 1, y, c);
        }
        if (y > 0) {
            s += img.get(x, y - 1, c);
        }
        if (y + 1 < img.height()) {
            s += img.get(x, y + 1, c);
        }
        return s;
    }

    /** How many 4-neighbours (x, y) has inside a {@code w x h} image. */
    static int neighbourCount(int w, int h, int x, int y) {
        return (x > 0 ? 1 : 0) + (x + 1 < w ? 1 : 0) + (y > 0 ? 1 : 0) + (y + 1 < h ? 1 : 0);
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
    private static void startFromMean(FloatImage img, boolean[] hole, int[] inside, int c) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < hole.length; i++) {
            if (!hole[i]) {
                sum += img.data()[c * hole.length + i];
                n++;
            }
        }
        float mean = n == 0 ? 0 : (float) (sum / n);
        for (int i : inside) {
            img.data()[c * hole.length + i] = mean;
        }
    }

    /** The hole's thickness: the largest, over its pixels, of the shorter of its horizontal and vertical runs. */
    static int thickness(boolean[] hole, int w, int h) {
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
}
