package org.diffusionj.engine.task;

import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.sampler.Sampler;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Everything about the model and the sampler that a task run needs, fixed for all its draws.
 *
 * @param denoiser     the network, already wrapped for guidance and tiling as wanted
 * @param type         what the network predicts
 * @param schedule     the model's noise schedule
 * @param sampler      the sampling algorithm
 * @param settings     the sampler's settings (steps, eta, ...); the start step is set per problem
 * @param conditioning the conditional embedding rows passed to the denoiser
 */
public record SamplingSetup(Denoiser denoiser, PredictionType type, NoiseSchedule schedule, Sampler sampler,
        SamplerSettings settings, Conditioning conditioning) {

    public SamplingSetup {
        if (denoiser == null || type == null || schedule == null || sampler == null || settings == null
                || conditioning == null) {
            throw new IllegalArgumentException("A sampling setup needs a denoiser, a prediction type, a schedule,"
                    + " a sampler, settings and a conditioning (Conditioning.none() for none)");
        }
    }
}
