package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * Inpainting's degradation: multiply by a per-pixel weight that is 1 where the pixel is known and 0 where it
 * is to be filled (Wang et al. 2023, Table 1: A = A+ = the mask). The weights are a {@code [1, 1, H, W]}
 * tensor broadcast over batch and channels.
 *
 * <p>Weights strictly between 0 and 1 (a feathered border) make {@code A+ A} a soft rather than an exact
 * projection: the predicted clean image is pulled towards the known one by {@code w^2}. For a binary mask
 * {@code A+ A = A} and the projection is exact.
 */
public final class MaskOperator implements LinearOperator {

    private final Tensor known;

    /**
     * @param known {@code [1, 1, H, W]} weights in [0, 1], 1 where the pixel is known
     * @throws IllegalArgumentException for another shape or a weight outside [0, 1]
     */
    public MaskOperator(Tensor known) {
        if (known.batch() != 1 || known.channels() != 1) {
            throw new IllegalArgumentException("A mask must be [1, 1, H, W], got " + known);
        }
        for (float v : known.data()) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("Mask weights must lie in [0, 1], got " + v);
            }
        }
        this.known = known.copy();
    }

    /** A copy of the weights, 1 where the pixel is known. */
    public Tensor known() {
        return known.copy();
    }

    @Override
    public Tensor apply(Tensor x) {
        return weighted(x);
    }

    @Override
    public Tensor pseudoInverse(Tensor y) {
        return weighted(y);
    }

    /**
     * The final composite: the known pixels (weight 1) copied bit for bit from {@code original}, the unknown
     * ones (weight 0) from {@code generated}, a weighted mean in between.
     */
    public Tensor keepKnown(Tensor generated, Tensor original) {
        checkPlane(generated);
        return Masks.keepKnown(known, generated, original);
    }

    /** {@code max |a - b|} over the fully known pixels (weight 1), the pixels a task must not change. */
    public double maxKnownDifference(Tensor a, Tensor b) {
        checkPlane(a);
        Tensor d = Tensors.sub(a, b);
        float[] w = known.data();
        int plane = w.length;
        double max = 0;
        for (int i = 0; i < d.size(); i++) {
            if (w[i % plane] == 1f) {
                max = Math.max(max, Math.abs(d.data()[i]));
            }
        }
        return max;
    }

    private Tensor weighted(Tensor x) {
        checkPlane(x);
        float[] in = x.data();
        float[] w = known.data();
        float[] out = new float[in.length];
        int plane = w.length;
        for (int i = 0; i < out.length; i++) {
            out[i] = in[i] * w[i % plane];
        }
        return new Tensor(out, x.batch(), x.channels(), x.height(), x.width());
    }

    private void checkPlane(Tensor x) {
        if (x.height() != known.height() || x.width() != known.width()) {
            throw new IllegalArgumentException("Mask is " + known.width() + " x " + known.height()
                    + " but the image is " + x.width() + " x " + x.height());
        }
    }
}
