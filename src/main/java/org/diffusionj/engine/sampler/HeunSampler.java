package org.diffusionj.engine.sampler;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Heun's second-order method (Karras et al. 2022, Algorithm 1): an Euler predictor to {@code sigma_next},
 * a second evaluation there, and the step redone with the average of both slopes. A step to sigma = 0 stays
 * first order. With a final sigma of 0, N steps take {@code 2N - 1} evaluations ({@link SamplingRun#steps()}
 * reports N); predictor and corrector evaluations alternate.
 */
public final class HeunSampler extends SigmaSampler {

    public HeunSampler() {
        super("heun");
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        SigmaGrid g = sigmaGrid(schedule, settings);
        double[] s = g.sigmas();
        int n = g.steps();
        List<double[]> evals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // {sigma in, sigma out, timestep, is corrector}: predictor at sigma_i, corrector at sigma_{i+1}
            evals.add(new double[] {s[i], s[i + 1], g.timesteps()[i], 0});
            if (s[i + 1] > 0) {
                double t = i + 1 < n ? g.timesteps()[i + 1] : 0;
                evals.add(new double[] {s[i + 1], s[i + 1], t, 1});
            }
        }
        int m = evals.size();
        double[] in = new double[m];
        double[] out = new double[m];
        double[] ts = new double[m];
        boolean[] corrector = new boolean[m];
        for (int k = 0; k < m; k++) {
            double[] e = evals.get(k);
            in[k] = e[0];
            out[k] = e[1];
            ts[k] = e[2];
            corrector[k] = e[3] > 0;
        }
        return new Run(in, out, ts, corrector, n);
    }

    private static final class Run extends SigmaRun {

        private final boolean[] corrector;
        private final int steps;
        private Tensor start;
        private Tensor firstSlope;
        private double firstSigma;

        Run(double[] in, double[] out, double[] ts, boolean[] corrector, int steps) {
            super(in, out, ts);
            this.corrector = corrector;
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
            if (!corrector[k]) {
                // Algorithm 1, lines 5-6: Euler step from x_i
                start = x;
                firstSlope = d;
                firstSigma = sigma;
                return Tensors.axpby(1, x, nextSigma(k) - sigma, d);
            }
            // Algorithm 1, lines 9-10: x_{i+1} = x_i + (sigma_{i+1} - sigma_i) (d_i + d'_i) / 2
            double dt = nextSigma(k) - firstSigma;
            Tensor result = Tensors.combine(1, start, 0.5 * dt, firstSlope, 0.5 * dt, d);
            start = null;
            firstSlope = null;
            return result;
        }
    }
}
