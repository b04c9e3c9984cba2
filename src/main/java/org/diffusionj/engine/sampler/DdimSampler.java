package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Song et al. 2021, "Denoising Diffusion Implicit Models": eq. (12) with the noise of eq. (16) scaled by eta
 * (0: deterministic; 1: DDPM's posterior variance). Each step lands on the next listed timestep (the last
 * one on alpha-bar 1 or {@code alphaBar[0]}, see {@link SamplerSettings#withSetAlphaToOne}); for the
 * LEADING grid that is diffusers' {@code t - T/N}.
 */
public final class DdimSampler extends AbstractSampler {

    public DdimSampler() {
        super("ddim");
    }

    /**
     * DDIM eq. (16) without eta: {@code sigma^2 = (1 - abar_prev) / (1 - abar_t) * (1 - abar_t / abar_prev)}.
     */
    public static double variance(double abarT, double abarPrev) {
        return (1 - abarPrev) / (1 - abarT) * (1 - abarT / abarPrev);
    }

    /**
     * The variance between timesteps {@code t} and {@code prev} of a schedule, with {@code prev < 0} standing
     * for the level below timestep 0 (diffusers' {@code _get_variance}).
     */
    public static double variance(NoiseSchedule schedule, int t, int prev, boolean setAlphaToOne) {
        double abPrev = prev >= 0 ? schedule.alphaBar(prev) : VpRun.finalAlphaBar(schedule, setAlphaToOne);
        return variance(schedule.alphaBar(t), abPrev);
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        int[] ts = toInts(plannedTimesteps(schedule, settings));
        double[][] levels = VpRun.descendingLevels(schedule, ts,
                VpRun.finalAlphaBar(schedule, settings.setAlphaToOne()));
        return new Run(ts, levels[0], levels[1], settings);
    }

    private static final class Run extends VpRun {

        private final double eta;

        Run(int[] ts, double[] in, double[] out, SamplerSettings settings) {
            super(ts, in, out, settings.clipSample());
            this.eta = settings.eta();
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            double abPrev = nextAlphaBar(k);
            // sigma_t(eta), DDIM eq. (16)
            double sigma = eta * Math.sqrt(variance(alphaBar(k), abPrev));
            return ddimUpdate(clipped(p), abPrev, sigma, noise);
        }
    }
}
