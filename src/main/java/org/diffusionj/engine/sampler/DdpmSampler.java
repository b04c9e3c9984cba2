package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Ancestral sampling of Ho et al. 2020 ("Denoising Diffusion Probabilistic Models", Algorithm 2), with
 * strided steps: between listed timesteps t and s the step uses {@code alpha = abar_t / abar_s}, the
 * posterior mean of eq. (7) and the variance chosen by {@link VarianceType}. No noise is added on the last
 * step, which lands on alpha-bar 1.
 */
public final class DdpmSampler extends AbstractSampler {

    public DdpmSampler() {
        super("ddpm");
    }

    /**
     * The reverse-step variance between level {@code abarT} and the lower-noise level {@code abarPrev}:
     * FIXED_SMALL is eq. (7)'s {@code beta~ = (1 - abar_prev) / (1 - abar_t) * beta} (at least 1e-20),
     * FIXED_LARGE is {@code beta = 1 - abar_t / abar_prev}.
     */
    public static double variance(double abarT, double abarPrev, VarianceType type) {
        double beta = 1 - abarT / abarPrev;
        if (type == VarianceType.FIXED_LARGE) {
            return beta;
        }
        return Math.max((1 - abarPrev) / (1 - abarT) * beta, 1e-20);
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        int[] ts = toInts(plannedTimesteps(schedule, settings));
        double[][] levels = VpRun.descendingLevels(schedule, ts, 1.0);
        return new Run(ts, levels[0], levels[1], settings);
    }

    private static final class Run extends VpRun {

        private final VarianceType varianceType;

        Run(int[] ts, double[] in, double[] out, SamplerSettings settings) {
            super(ts, in, out, settings.clipSample());
            this.varianceType = settings.varianceType();
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            Prediction q = clipped(p);
            double abT = alphaBar(k);
            double abPrev = nextAlphaBar(k);
            double alpha = abT / abPrev;
            double beta = 1 - alpha;
            // 1. posterior mean, DDPM eq. (7)
            double cX0 = Math.sqrt(abPrev) * beta / (1 - abT);
            double cXt = Math.sqrt(alpha) * (1 - abPrev) / (1 - abT);
            if (k == evaluations() - 1) {
                return Tensors.axpby(cX0, q.x0(), cXt, x);
            }
            // 2. add noise of the chosen variance, Algorithm 2 line 4
            double std = Math.sqrt(variance(abT, abPrev, varianceType));
            return Tensors.combine(cX0, q.x0(), cXt, x, std, noise.nextLike(x));
        }
    }
}
