/**
 * Poisson-Gaussian noise of microscopy cameras, the building blocks of denoising: the model
 * ({@link org.diffusionj.engine.noise.PoissonGaussianNoise}: variance = gain * (mean - offset) + readSigma^2,
 * with a seeded sampler for synthetic data), its variance-stabilising generalized Anscombe transformation with
 * the exact unbiased inverse ({@link org.diffusionj.engine.noise.GeneralizedAnscombe}, Makitalo and Foi 2013),
 * and the estimation of gain and read noise from a single image
 * ({@link org.diffusionj.engine.noise.NoiseEstimation}, after Foi et al. 2008). Plain arithmetic on float
 * arrays and {@link org.diffusionj.engine.Tensor}s, with no image library.
 */
package org.diffusionj.engine.noise;
