/**
 * The diffusion engine core: dense tensors, the {@link org.diffusionj.engine.Denoiser} network contract and
 * seeded noise. The engine knows nothing of ImageJ or of the deep-learning runtime; data crosses its
 * boundary as plain float arrays.
 *
 * <p>Sub-packages: {@code schedule} (noise schedules and timestep grids), {@code model} (prediction types,
 * guidance, conditioning) and {@code sampler} (samplers and the shared sampling loop).
 */
package org.diffusionj.engine;
