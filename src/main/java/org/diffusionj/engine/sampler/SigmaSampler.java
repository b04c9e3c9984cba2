package org.diffusionj.engine.sampler;

import java.util.Arrays;
import org.diffusionj.engine.schedule.KarrasSigmas;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Base of the samplers of the variance-exploding view (Karras et al. 2022): noise levels
 * {@code sigma_t = sqrt((1 - abar_t) / abar_t)}, a grid of N sigmas followed by a final level, 0 or
 * {@code sigma(0)} (see {@link SamplerSettings#withSetAlphaToOne}; diffusers' {@code final_sigmas_type}).
 */
abstract class SigmaSampler extends AbstractSampler {

    SigmaSampler(String name) {
        super(name);
    }

    /** Descending sigmas with the final level appended, and the fractional model timestep of each other sigma. */
    record SigmaGrid(double[] sigmas, double[] timesteps) {
        int steps() {
            return timesteps.length;
        }

        /** The level each step starts from. */
        double[] from() {
            return Arrays.copyOf(sigmas, steps());
        }

        /** The level each step lands on. */
        double[] to() {
            return Arrays.copyOfRange(sigmas, 1, steps() + 1);
        }
    }

    /**
     * The grid's fractional timesteps (LINSPACE is not rounded, as in diffusers' Euler and Heun schedulers,
     * which interpolate sigma between integer timesteps).
     */
    @Override
    double[] grid(NoiseSchedule schedule, SamplerSettings settings) {
        return settings.spacing().fractionalTimesteps(schedule.trainTimesteps(), settings.steps(),
                settings.stepsOffset());
    }

    /**
     * The run's sigmas: interpolated at the planned timesteps, or Karras et al.'s eq. (5) spanning the whole
     * schedule ({@code sigma(T-1)} to {@code sigma(0)}, rho = 7) with timesteps found by log-sigma
     * interpolation; then the start step is applied and the final level appended: 0 when the run ends at
     * alpha-bar 1, else {@code sigma(0)}.
     */
    final SigmaGrid sigmaGrid(NoiseSchedule schedule, SamplerSettings settings) {
        double[] sigmas;
        double[] ts;
        if (settings.karrasSigmas()) {
            double[] karras = dropStart(KarrasSigmas.forSchedule(schedule, settings.steps()), settings.startStep());
            double[] all = new double[karras.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = schedule.timestepForSigma(karras[i]);
            }
            ts = dropBelow(all, settings.lowestTimestep());
            sigmas = Arrays.copyOf(karras, ts.length);
        } else {
            ts = plannedTimesteps(schedule, settings);
            sigmas = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                sigmas[i] = schedule.sigmaAt(ts[i]);
            }
        }
        double[] all = Arrays.copyOf(sigmas, sigmas.length + 1);
        all[sigmas.length] = settings.setAlphaToOne() ? 0 : schedule.sigmaMin();
        return new SigmaGrid(all, ts);
    }
}
