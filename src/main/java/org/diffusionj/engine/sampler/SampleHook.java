package org.diffusionj.engine.sampler;

import org.diffusionj.engine.Tensor;

/**
 * Rewrites the sample after each step, e.g. RePaint's re-injection of the known pixels noised to the new
 * level ({@code SamplingRun.addNoise(y, z, k + 1)}, or a clean {@code y} after the last evaluation).
 */
@FunctionalInterface
public interface SampleHook {

    /**
     * @param x the sample returned by the step of evaluation {@code k}
     * @param k the evaluation just completed
     * @return the sample to continue with (may be {@code x} itself)
     */
    Tensor apply(Tensor x, int k);
}
