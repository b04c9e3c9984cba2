package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Heun's second-order method (Karras et al. 2022, Algorithm 1): an Euler predictor to {@code sigma_next},
 * a second evaluation there, and the step redone with the average of both slopes. The last step, to
 * sigma = 0, stays first order. N steps take {@code 2N - 1} evaluations: even k are predictors, odd k
 * correctors ({@link SamplingRun#steps()} reports N).
 */
public final class HeunSampler extends SigmaSampler {

    public HeunSampler() {
        super("heun");
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        SigmaGrid g = sigmaGrid(schedule, settings);
        int n = g.steps();
        int evals = Math.max(0, 2 * n - 1);
        double[] in = new double[evals];
        double[] out = new double[evals];
        double[] ts = new double[evals];
        for (int k = 0; k < evals; k++) {
            // predictor k = 2i at sigma_i; corrector k = 2i + 1 at sigma_{i+1}; both end at sigma_{i+1}
            int i = k / 2;
            int at = k % 2 == 0 ? i : i + 1;
            in[k] = g.sigmas()[at];
            out[k] = g.sigmas()[i + 1];
            ts[k] = g.timesteps()[at];
        }
        return new Run(in, out, ts, n);
    }

    private static final class Run extends SigmaRun {

        private final int steps;
        private Tensor start;
        private Tensor firstSlope;

        Run(double[] in, double[] out, double[] ts, int steps) {
            super(in, out, ts);
            this.steps = steps;
        }

        @Override
        public int steps() {
            return steps;
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            enterStep(k);
            double sigma = sigma(k);
            Tensor d = slope(x, p.x0(), sigma);
            if (k % 2 == 0) {
                // Algorithm 1, lines 5-6: Euler step from x_i
                start = x;
                firstSlope = d;
                return Tensors.axpby(1, x, nextSigma(k) - sigma, d);
            }
            // Algorithm 1, lines 9-10: x_{i+1} = x_i + (sigma_{i+1} - sigma_i) (d_i + d'_i) / 2
            double dt = nextSigma(k) - sigma(k - 1);
            Tensor result = Tensors.combine(1, start, 0.5 * dt, firstSlope, 0.5 * dt, d);
            start = null;
            firstSlope = null;
            return result;
        }
    }
}
