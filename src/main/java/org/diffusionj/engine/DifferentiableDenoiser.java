package org.diffusionj.engine;

/**
 * A denoiser that can also differentiate a squared error of its output with respect to its conditioning
 * vector: what null-text inversion (Mokady et al. 2023) needs to optimise the unconditional embedding.
 * The network's own weights are never changed.
 */
public interface DifferentiableDenoiser extends Denoiser {

    /**
     * For {@code loss = mean((offset + scale * model(x, t, cond))^2)} over all elements, returns the loss,
     * the model output and {@code d loss / d cond}. {@code x} and {@code offset} are batch-1 tensors of the
     * same shape.
     */
    ConditionGradient squaredErrorGradient(Tensor x, long t, float[] cond, Tensor offset, double scale);

    /** The loss, the network output at {@code cond}, and the gradient of the loss with respect to {@code cond}. */
    record ConditionGradient(double loss, Tensor output, float[] gradient) {
    }
}
