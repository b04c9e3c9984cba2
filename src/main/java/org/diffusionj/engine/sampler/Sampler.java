package org.diffusionj.engine.sampler;

import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * A sampling algorithm. Samplers are stateless and thread-safe: everything that changes during sampling
 * lives in the {@link SamplingRun} that {@link #start} returns, never in the sampler or the schedule.
 */
public interface Sampler {

    /** The name accepted by {@link Samplers#byName}. */
    String name();

    /**
     * Plans one run: timestep grid, noise levels and an empty solver history.
     *
     * @throws IllegalArgumentException for settings that do not fit the schedule (too many steps, explicit
     *     timesteps out of range or out of order, ...)
     */
    SamplingRun start(NoiseSchedule schedule, SamplerSettings settings);
}
