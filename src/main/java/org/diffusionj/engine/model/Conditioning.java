package org.diffusionj.engine.model;

import java.util.Arrays;

/**
 * The conditioning of one sampling run: a conditional embedding vector and, for classifier-free guidance, an
 * unconditional (null) one. {@link #none()} stands for an unconditional model, which receives
 * {@code cond = null}. Immutable; the vectors are copied in and out.
 */
public final class Conditioning {

    private static final Conditioning NONE = new Conditioning(null, null);

    private final float[] conditional;
    private final float[] unconditional;

    private Conditioning(float[] conditional, float[] unconditional) {
        this.conditional = conditional;
        this.unconditional = unconditional;
    }

    /** No conditioning: the model is unconditional. */
    public static Conditioning none() {
        return NONE;
    }

    /**
     * A conditional embedding with an optional unconditional one (null when guidance is not used).
     *
     * @throws IllegalArgumentException if the conditional vector is null or empty, or the lengths differ
     */
    public static Conditioning of(float[] conditional, float[] unconditional) {
        if (conditional == null || conditional.length == 0) {
            throw new IllegalArgumentException("Conditional embedding must be a non-empty vector");
        }
        if (unconditional != null && unconditional.length != conditional.length) {
            throw new IllegalArgumentException("Unconditional embedding has length " + unconditional.length
                    + " but the conditional one has " + conditional.length);
        }
        return new Conditioning(conditional.clone(), unconditional == null ? null : unconditional.clone());
    }

    /** True for an unconditional model. */
    public boolean isNone() {
        return conditional == null;
    }

    /** True when an unconditional embedding is present, so guidance can be applied. */
    public boolean hasUnconditional() {
        return unconditional != null;
    }

    /** A copy of the conditional vector, or null for {@link #none()}. */
    public float[] conditional() {
        return conditional == null ? null : conditional.clone();
    }

    /** A copy of the unconditional vector, or null when absent. */
    public float[] unconditional() {
        return unconditional == null ? null : unconditional.clone();
    }

    /** The same conditional vector with another unconditional one (null-text inversion swaps it per step). */
    public Conditioning withUnconditional(float[] newUnconditional) {
        if (isNone()) {
            throw new IllegalStateException("An unconditional model has no embeddings to replace");
        }
        return of(conditional, newUnconditional);
    }

    /** The conditional vector repeated for a batch of {@code b}, or null for {@link #none()}. */
    public float[][] conditionalBatch(int b) {
        return repeat(conditional, b);
    }

    /** The unconditional vector repeated for a batch of {@code b}, or null when absent. */
    public float[][] unconditionalBatch(int b) {
        return repeat(unconditional, b);
    }

    private static float[][] repeat(float[] row, int b) {
        if (row == null) {
            return null;
        }
        float[][] out = new float[b][];
        for (int i = 0; i < b; i++) {
            out[i] = row.clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return isNone() ? "Conditioning[none]"
                : "Conditioning[dim=" + conditional.length + ", unconditional=" + hasUnconditional() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conditioning
                && Arrays.equals(conditional, ((Conditioning) o).conditional)
                && Arrays.equals(unconditional, ((Conditioning) o).unconditional);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(conditional) + Arrays.hashCode(unconditional);
    }
}
