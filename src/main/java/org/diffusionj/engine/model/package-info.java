/**
 * Model-side adapters: {@link org.diffusionj.engine.model.PredictionType} turns raw epsilon / v / x0 outputs
 * into a {@link org.diffusionj.engine.model.Prediction}, {@link org.diffusionj.engine.model.Conditioning}
 * holds embedding vectors, and {@link org.diffusionj.engine.model.ClassifierFreeGuidance} wraps a denoiser.
 */
package org.diffusionj.engine.model;
