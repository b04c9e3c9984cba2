package org.diffusionj.engine.inversion;

import java.util.Map;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.ClassifierFreeGuidance;

/**
 * Classifier-free guidance whose unconditional embedding depends on the timestep: null-text inversion
 * keeps one optimised embedding per sampling step.
 */
final class StepwiseGuidance implements Denoiser {
    private final Denoiser inner;
    private final Map<Long, float[]> unconditional;
    private final double scale;

    StepwiseGuidance(Denoiser inner, Map<Long, float[]> unconditional, double scale) {
        this.inner = inner;
        this.unconditional = unconditional;
        this.scale = scale;
    }

    @Override
    public Tensor predict(Tensor x, long[] t, float[][] cond) {
        float[] u = unconditional.get(t[0]);
        if (u == null) {
            throw new IllegalStateException("No inverted embedding for timestep " + t[0]);
        }
        return new ClassifierFreeGuidance(inner, u, scale).predict(x, t, cond);
    }
}
