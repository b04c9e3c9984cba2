/**
 * Samplers and the shared sampling loop. A {@link org.diffusionj.engine.sampler.Sampler} plans a
 * {@link org.diffusionj.engine.sampler.SamplingRun} (all per-run state) from an immutable noise schedule and
 * {@link org.diffusionj.engine.sampler.SamplerSettings}; {@link org.diffusionj.engine.sampler.SamplingLoop}
 * drives any run with a denoiser, hooks for the tasks, progress and cancellation.
 *
 * <p>Samplers: {@link org.diffusionj.engine.sampler.DdpmSampler},
 * {@link org.diffusionj.engine.sampler.DdimSampler}, {@link org.diffusionj.engine.sampler.DdimInversion}
 * (variance-preserving space) and {@link org.diffusionj.engine.sampler.EulerSampler},
 * {@link org.diffusionj.engine.sampler.HeunSampler},
 * {@link org.diffusionj.engine.sampler.DpmSolverPlusPlus2M} (sigma space, optional Karras sigmas).
 */
package org.diffusionj.engine.sampler;
