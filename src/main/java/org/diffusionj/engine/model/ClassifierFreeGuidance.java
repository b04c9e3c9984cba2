package org.diffusionj.engine.model;

import java.util.Arrays;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.Tensor;

/**
 * Classifier-free guidance (Ho and Salimans 2022, eq. 6) as a {@link Denoiser} decorator:
 * {@code out = out_u + s (out_c - out_u)}, where {@code out_c} uses the {@code cond} rows passed to
 * {@link #predict} and {@code out_u} the unconditional embedding held here. Both are computed in one batched
 * forward pass of size 2B. For {@code s <= 1} guidance is skipped and only the conditional pass runs (at
 * {@code s = 1} the formula gives exactly that; below 1 guidance is treated as off). The formula is linear in
 * the network output, so it applies to epsilon, v and x0 models alike. The decorator does not own the
 * wrapped denoiser: closing it leaves the inner one open.
 */
public final class ClassifierFreeGuidance implements Denoiser {

    private final Denoiser inner;
    private final float[] unconditional;
    private final double scale;

    /**
     * @param inner the conditional network
     * @param unconditional the null embedding (one row, replicated over the batch)
     * @param scale guidance scale s (7.5 is Stable Diffusion's default)
     * @throws IllegalArgumentException for a missing embedding or a non-finite scale
     */
    public ClassifierFreeGuidance(Denoiser inner, float[] unconditional, double scale) {
        if (inner == null) {
            throw new IllegalArgumentException("Guidance needs a denoiser to wrap");
        }
        if (unconditional == null || unconditional.length == 0) {
            throw new IllegalArgumentException("Guidance needs a non-empty unconditional embedding");
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("Guidance scale must be finite, got " + scale);
        }
        this.inner = inner;
        this.unconditional = unconditional.clone();
        this.scale = scale;
    }

    /**
     * Wraps {@code inner} when guidance applies (scale above 1 and an unconditional embedding present);
     * otherwise returns {@code inner} itself.
     */
    public static Denoiser wrap(Denoiser inner, Conditioning conditioning, double scale) {
        if (scale <= 1 || conditioning.isNone() || !conditioning.hasUnconditional()) {
            return inner;
        }
        return new ClassifierFreeGuidance(inner, conditioning.unconditional(), scale);
    }

    /** The guidance scale s. */
    public double scale() {
        return scale;
    }

    @Override
    public Tensor predict(Tensor x, long[] t, float[][] cond) {
        if (scale <= 1 || cond == null) {
            return inner.predict(x, t, cond);
        }
        int b = x.batch();
        if (cond.length != b || t.length != b) {
            throw new IllegalArgumentException("Guidance needs one timestep and one condition per batch item ("
                    + b + "), got " + t.length + " and " + cond.length);
        }
        float[][] both = new float[2 * b][];
        long[] t2 = Arrays.copyOf(t, 2 * b);
        for (int i = 0; i < b; i++) {
            if (cond[i].length != unconditional.length) {
                throw new IllegalArgumentException("Condition has length " + cond[i].length
                        + " but the unconditional embedding has " + unconditional.length);
            }
            both[i] = unconditional;
            both[b + i] = cond[i];
            t2[b + i] = t[i];
        }
        Tensor out = inner.predict(Tensor.stack(x, x), t2, both);
        float[] o = out.data();
        int n = x.size();
        if (o.length != 2 * n) {
            throw new IllegalStateException("Denoiser returned " + out + " for a batch of " + 2 * b);
        }
        float[] guided = new float[n];
        for (int i = 0; i < n; i++) {
            guided[i] = (float) (o[i] + scale * ((double) o[n + i] - o[i]));
        }
        return new Tensor(guided, b, x.channels(), x.height(), x.width());
    }

    /** Does nothing: the wrapped denoiser belongs to the caller, who may reuse it. */
    @Override
    public void close() {
    }
}
