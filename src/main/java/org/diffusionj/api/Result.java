package org.diffusionj.api;

import java.util.Map;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A task's output in the input's intensity units, dimensions (x, y, channel).
 *
 * @param image   the restoration (the mean of the draws when several samples were asked for)
 * @param stdDev  per-pixel standard deviation over the draws, or null for a single sample
 * @param metrics figures worth reporting (data-consistency errors, effective step count, seconds)
 */
public record Result(Img<FloatType> image, Img<FloatType> stdDev, Map<String, Double> metrics) {
}
