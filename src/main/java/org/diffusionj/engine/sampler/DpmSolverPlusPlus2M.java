package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.diffusionj.engine.schedule.TimestepSpacing;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", Algorithm 2), in sigma space with
 * {@code lambda = -log sigma}, {@code h = lambda_next - lambda}, {@code r = h_last / h}:
 * {@code D' = (1 + 1/(2r)) D - 1/(2r) D_last; x = (sigma_next / sigma) x - expm1(-h) D'}. First order on the
 * first step, on the step to sigma = 0 (which returns D) and, for runs of fewer than 15 steps, on the last step
 * ({@link SamplerSettings#withLowerOrderFinal}, as diffusers).
 *
 * <p>As in diffusers, the grid never evaluates the bottom timestep: LEADING and LINSPACE grids are laid over
 * N+1 points and the last dropped (T = 1000, N = 10, linspace: 999, 899, ..., 100), TRAILING grids already
 * stop short. Timesteps are integers.
 */
public final class DpmSolverPlusPlus2M extends SigmaSampler {

    /** Runs with fewer steps than this take a first-order last step (diffusers' {@code lower_order_final}). */
    static final int LOWER_ORDER_FINAL_BELOW = 15;

    public DpmSolverPlusPlus2M() {
        super("dpm++2m");
    }

    @Override
    double[] grid(NoiseSchedule schedule, SamplerSettings settings) {
        int t = schedule.trainTimesteps();
        int n = settings.steps();
        TimestepSpacing spacing = settings.spacing();
        if (spacing == TimestepSpacing.TRAILING || n + 1 > t) {
            return super.grid(schedule, settings);
        }
        int[] wide = spacing.timesteps(t, n + 1, settings.stepsOffset());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = wide[i];
        }
        return out;
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        SigmaGrid g = sigmaGrid(schedule, settings);
        // integer timesteps, as diffusers rounds them for this solver (Karras grids included)
        double[] ts = g.timesteps().clone();
        for (int i = 0; i < ts.length; i++) {
            ts[i] = Math.rint(ts[i]);
        }
        // diffusers: lower_order_final and len(timesteps) < 15 -> the last step is first order
        boolean firstOrderLast = settings.lowerOrderFinal() && settings.steps() < LOWER_ORDER_FINAL_BELOW;
        return new Run(g.from(), g.to(), ts, firstOrderLast);
    }

    private static final class Run extends SigmaRun {

        private final boolean firstOrderLast;
        private Tensor lastDenoised;
        private double lastH;

        Run(double[] in, double[] out, double[] ts, boolean firstOrderLast) {
            super(in, out, ts);
            this.firstOrderLast = firstOrderLast;
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            enterStep(k);
            Tensor denoised = p.x0();
            double sigma = sigma(k);
            double next = nextSigma(k);
            if (next == 0) {
                // lambda_next = +inf: the first-order update reduces to x = D
                lastDenoised = null;
                return denoised.copy();
            }
            double h = Math.log(sigma / next);
            Tensor d = denoised;
            if (lastDenoised != null && !(firstOrderLast && k == evaluations() - 1)) {
                // Algorithm 2, line 5: second-order correction from the previous denoised value
                double r = lastH / h;
                d = Tensors.axpby(1 + 1 / (2 * r), denoised, -1 / (2 * r), lastDenoised);
            }
            lastDenoised = denoised;
            lastH = h;
            // Algorithm 2, line 6, in sigma space: x = (sigma_next / sigma) x - expm1(-h) D'
            return Tensors.axpby(next / sigma, x, -Math.expm1(-h), d);
        }
    }
}
