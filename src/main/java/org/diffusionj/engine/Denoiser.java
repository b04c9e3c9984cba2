package org.diffusionj.engine;

/**
 * A diffusion network called as {@code model(x, t, cond)}.
 *
 * <p>{@code x} is {@code [B, C, H, W]} in variance-preserving scale, {@code t} holds one integer timestep per
 * batch item, and {@code cond} is {@code [B][D]} conditioning rows, or {@code null} for an unconditional
 * model. The result is shaped like {@code x} and is the raw network output: epsilon, v or x0 depending on
 * the model's {@link org.diffusionj.engine.model.PredictionType}. Implementations need not be thread-safe.
 */
public interface Denoiser extends AutoCloseable {

    /** Runs the network once on a batch. */
    Tensor predict(Tensor x, long[] t, float[][] cond);

    /** Releases native resources; the default holds none. */
    @Override
    default void close() {
    }
}
