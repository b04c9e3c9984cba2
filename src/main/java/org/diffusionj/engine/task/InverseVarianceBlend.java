package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Weighs the mean of several inpainting draws against the harmonic fill by inverse variance: {@code w =
 * v_D / (v_H + v_D)} on the fill and {@code 1 - w} on the draws' mean, one weight for the whole image. For two
 * unbiased estimates with independent errors this is the minimum-variance combination (Cochran 1954; Hartung,
 * Knapp and Sinha 2008, "Statistical Meta-Analysis with Applications", ch. 4). Here the errors are not
 * independent (both estimates lean on the same border, and draws that start from the noised fill share its
 * errors), so the weight is a measured compromise rather than an optimum; the quality harness checks what it
 * gives ({@code ./diffusion eval}, thin defects).
 *
 * <p>{@code v_D}, the error variance of the mean of N draws, is taken as the draws' variance in the hole times
 * {@code 1 + 1/N}, which would be exact for independent draws from the true posterior (its variance plus the
 * mean's own sampling variance; the draws come in antithetic pairs, whose mean keeps none of the part odd in
 * their noise but twice the share of the even part, so {@code 1/N} is a little high where the draws are nearly
 * linear in their noise and a little low where they are even in it); a prior that is wrong about an image
 * (inventing texture on a smooth one) shows it as a wide spread. {@code v_H} is measured near the hole rather than in it: the hole is moved beside
 * itself onto known pixels (by twice its reach plus one pixel, so that a copy of a line or a spot lands just
 * beside it; in each of four directions), the fill is run there with the true hole also unknown, and its
 * squared error against the known pixels is averaged, a proxy that assumes the image is alike there. Copies
 * whose source lies within the move of the image's edge are left out: there the true hole has a reflecting
 * border on one side, which its copy would not.
 */
public final class InverseVarianceBlend {

    /** The combined image and the weight on the fill (NaN, and the draws' mean, when none could be measured). */
    public record Blend(Tensor image, double fillWeight) {
    }

    private InverseVarianceBlend() {
    }

    /**
     * @param image   {@code [1, C, H, W]} with the known pixels (the hole's values are ignored)
     * @param known   {@code [1, 1, H, W]} weights: 1 known, 0 filled, in between feathered
     * @param fill    the harmonic fill, already composited like the draws (feathered pixels blended alike)
     * @param mean    the draws' mean, shaped like {@code image}
     * @param stdDev  the draws' per-pixel standard deviation (as {@link DrawStatistics} estimates it)
     * @param samples how many draws made the mean, at least 2
     * @return the blend, changed only where {@code known < 1}; since the fill and the mean are composited
     *         alike, so is the blend
     */
    public static Blend combine(Tensor image, Tensor known, Tensor fill, Tensor mean, Tensor stdDev, int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("The draws' spread needs at least 2 samples, got " + samples);
        }
        boolean[] hole = Masks.changeablePixels(known);
        float[] k = known.data();
        boolean[] core = new boolean[k.length];
        for (int i = 0; i < k.length; i++) {
            core[i] = k[i] == 0f;
        }
        // feathered pixels' spread is shrunk by the compositing, so only fully filled ones measure it
        double drawsVariance = meanSquare(stdDev, core) * (1 + 1.0 / samples);
        double fillVariance = fillErrorBesideTheHole(image, hole);
        if (!(drawsVariance + fillVariance > 0)) {
            return new Blend(mean, Double.NaN);
        }
        double w = drawsVariance / (fillVariance + drawsVariance);
        Tensor out = mean.copy();
        float[] o = out.data();
        float[] f = fill.data();
        float[] m = mean.data();
        for (int i = 0; i < o.length; i++) {
            if (hole[i % hole.length]) {
                o[i] = (float) (w * f[i] + (1 - w) * m[i]);
            }
        }
        return new Blend(out, w);
    }

    /** The harmonic fill's mean squared error on copies of the hole moved onto known pixels; NaN for none. */
    static double fillErrorBesideTheHole(Tensor image, boolean[] hole) {
        int w = image.width();
        int h = image.height();
        int shift = 2 * reach(hole, w, h) + 1;
        int[][] moves = {{shift, 0}, {-shift, 0}, {0, shift}, {0, -shift}};
        double sum = 0;
        long n = 0;
        for (int[] move : moves) {
            boolean[] probe = new boolean[hole.length];
            boolean[] unknown = hole.clone();
            boolean any = false;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = x - move[0];
                    int sy = y - move[1];
                    if (sx >= 0 && sy >= 0 && sx < w && sy < h && hole[sy * w + sx] && !touches(hole, w, h, x, y)
                            && !nearTheEdgeItLeaves(sx, sy, move, w, h)) {
                        probe[y * w + x] = true;
                        unknown[y * w + x] = true;
                        any = true;
                    }
                }
            }
            if (!any) {
                continue;
            }
            Tensor filled = HarmonicFill.fill(image, unknown).image();
            float[] f = filled.data();
            float[] t = image.data();
            for (int i = 0; i < f.length; i++) {
                if (probe[i % hole.length]) {
                    double d = f[i] - t[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Whether the source (sx, sy) lies within the move's length of the image edge that the move leaves. */
    private static boolean nearTheEdgeItLeaves(int sx, int sy, int[] move, int w, int h) {
        return move[0] > 0 && sx < move[0] || move[0] < 0 && sx >= w + move[0]
                || move[1] > 0 && sy < move[1] || move[1] < 0 && sy >= h + move[1];
    }

    /**
     * The farthest any hole pixel lies from a known one (Euclidean, rounded up): about half the hole's width,
     * and unlike a run length not fooled by lines that cross.
     */
    static int reach(boolean[] hole, int w, int h) {
        boolean[] known = new boolean[hole.length];
        for (int i = 0; i < hole.length; i++) {
            known[i] = !hole[i];
        }
        double max = 0;
        double[] d2 = DistanceTransform.squared(known, w, h);
        for (int i = 0; i < hole.length; i++) {
            if (hole[i]) {
                max = Math.max(max, d2[i]);
            }
        }
        return (int) Math.ceil(Math.sqrt(max));
    }

    /** Whether (x, y) is in the hole or one of its 8 neighbours is. */
    private static boolean touches(boolean[] hole, int w, int h, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h && hole[yy * w + xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double meanSquare(Tensor t, boolean[] where) {
        float[] d = t.data();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < d.length; i++) {
            if (where[i % where.length]) {
                sum += (double) d[i] * d[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
