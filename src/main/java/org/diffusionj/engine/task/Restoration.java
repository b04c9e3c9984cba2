package org.diffusionj.engine.task;

import java.util.Map;
import org.diffusionj.engine.Tensor;

/**
 * What {@link TaskRunner} returns, in the input's units.
 *
 * @param image   the result, or the mean of the draws (the posterior-mean estimate)
 * @param stdDev  the per-pixel standard deviation over the draws, or null for one draw
 * @param metrics figures worth reporting: consistencyError, steps, evaluations, samples, seconds
 */
public record Restoration(Tensor image, Tensor stdDev, Map<String, Double> metrics) {
}
