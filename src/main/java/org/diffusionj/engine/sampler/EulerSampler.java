package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Euler's method on the probability-flow ODE (Karras et al. 2022, Algorithm 2 with S_churn = 0, i.e.
 * deterministic): {@code d = (x - D) / sigma; x += d (sigma_next - sigma)}, one evaluation per step.
 */
public final class EulerSampler extends SigmaSampler {

    public EulerSampler() {
        super("euler");
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        SigmaGrid g = sigmaGrid(schedule, settings);
        return new Run(g.from(), g.to(), g.timesteps());
    }

    private static final class Run extends SigmaRun {

        Run(double[] in, double[] out, double[] ts) {
            super(in, out, ts);
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            double sigma = sigma(k);
            Tensor d = slope(x, p.x0(), sigma);
            return Tensors.axpby(1, x, nextSigma(k) - sigma, d);
        }
    }
}
