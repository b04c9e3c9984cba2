package org.diffusionj.engine.sampler;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;

/**
 * Rewrites each prediction before the sampler uses it, e.g. DDNM's null-space projection
 * {@code x0' = x0 - A+ (A x0 - y)} (Wang et al. 2023, eq. 13).
 */
@FunctionalInterface
public interface PredictionHook {

    /**
     * @param p the prediction of evaluation {@code k}
     * @param k the evaluation index
     * @param x the current sample, in the run's space
     * @return the prediction to step with (may be {@code p} itself)
     */
    Prediction apply(Prediction p, int k, Tensor x);

    /**
     * This hook, then {@code next} on its result (e.g. a prior step, then data consistency); {@code next} null
     * is this hook alone.
     */
    default PredictionHook then(PredictionHook next) {
        if (next == null) {
            return this;
        }
        return (p, k, x) -> next.apply(apply(p, k, x), k, x);
    }
}
