package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Turns a user's selection into the weights of a {@link MaskOperator}: grow the area to fill by a distance,
 * feather its inner border. Masks here are {@code [1, 1, H, W]} tensors.
 */
public final class Masks {

    private Masks() {
    }

    /**
     * The known-pixel weights for filling where {@code fill} is nonzero: the fill area is first grown by
     * {@code grow} pixels (Euclidean distance), then its inner border of width {@code feather} pixels gets
     * weights rising smoothly ({@code cos^2}) from the known side, so that pixels outside the grown area keep
     * weight exactly 1 and pixels deeper than {@code feather} inside it weight exactly 0.
     *
     * @throws IllegalArgumentException for negative distances or a mask that is not {@code [1, 1, H, W]}
     */
    public static Tensor knownWeights(Tensor fill, int grow, int feather) {
        if (grow < 0 || feather < 0) {
            throw new IllegalArgumentException("grow and feather must be >= 0 pixels, got " + grow + " and " + feather);
        }
        boolean[] area = grown(fill, grow);
        int w = fill.width();
        int h = fill.height();
        boolean[] known = new boolean[area.length];
        for (int i = 0; i < area.length; i++) {
            known[i] = !area[i];
        }
        double[] toKnown = DistanceTransform.squared(known, w, h);
        float[] out = new float[area.length];
        for (int i = 0; i < out.length; i++) {
            double d = Math.sqrt(toKnown[i]);
            // d >= 1 inside the fill area: the fill weight rises as sin^2 over the feather width
            double fillWeight = d >= feather ? 1 : Math.pow(Math.sin(Math.PI / 2 * d / feather), 2);
            out[i] = known[i] ? 1f : (float) (1 - fillWeight);
        }
        return new Tensor(out, 1, 1, h, w);
    }

    /** The nonzero pixels of {@code fill} grown by {@code grow} pixels. */
    public static boolean[] grown(Tensor fill, int grow) {
        if (fill.batch() != 1 || fill.channels() != 1) {
            throw new IllegalArgumentException("A mask must be [1, 1, H, W], got " + fill);
        }
        float[] m = fill.data();
        boolean[] area = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            area[i] = m[i] != 0;
        }
        if (grow == 0) {
            return area;
        }
        double[] d = DistanceTransform.squared(area, fill.width(), fill.height());
        for (int i = 0; i < area.length; i++) {
            area[i] = d[i] <= (double) grow * grow;
        }
        return area;
    }

    /**
     * The one masked blend: pixels of weight 1 copied bit for bit from {@code original}, pixels of weight 0 from
     * {@code generated}, {@code k original + (1 - k) generated} in between. {@code known} is {@code [1, 1, H, W]}
     * (broadcast over batch and channels) or shaped like the images.
     *
     * @throws IllegalArgumentException for images of different shapes or weights of another plane size
     */
    public static Tensor keepKnown(Tensor known, Tensor generated, Tensor original) {
        if (!generated.sameShape(original)) {
            throw new IllegalArgumentException("Generated " + generated + " and original " + original + " differ");
        }
        if (known.height() != generated.height() || known.width() != generated.width()
                || !(known.sameShape(generated) || known.batch() == 1 && known.channels() == 1)) {
            throw new IllegalArgumentException("Mask " + known + " does not fit the image " + generated);
        }
        float[] g = generated.data();
        float[] o = original.data();
        float[] w = known.data();
        float[] out = new float[g.length];
        int period = w.length;
        for (int i = 0; i < out.length; i++) {
            float k = w[i % period];
            out[i] = k == 1f ? o[i] : k == 0f ? g[i] : (float) (k * (double) o[i] + (1 - k) * (double) g[i]);
        }
        return new Tensor(out, generated.batch(), generated.channels(), generated.height(), generated.width());
    }

    /** Number of pixels with weight below 1 (the pixels a task may change). */
    public static int changeable(Tensor known) {
        int n = 0;
        for (boolean b : changeablePixels(known)) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Which pixels have weight below 1 (the filled and the feathered ones), one per pixel, row-major. */
    public static boolean[] changeablePixels(Tensor known) {
        float[] w = known.data();
        boolean[] out = new boolean[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] < 1f;
        }
        return out;
    }
}
