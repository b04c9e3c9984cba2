package org.diffusionj.engine.sampler;

import java.util.Arrays;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Deterministic DDIM inversion (Song et al. 2021, section 4.3; Mokady et al. 2023, eq. 2): runs DDIM's
 * eta = 0 update up the noise levels, from a clean sample to {@code x_T}. The grid ascends (the LEADING grid
 * reversed: 0, 100, ..., 900 for T = 1000, N = 10). Evaluation k calls the model at the target timestep
 * {@code t_k} with a sample still at the previous level (alpha-bar 1 or {@code alphaBar[0]} for k = 0,
 * see {@link SamplerSettings#withSetAlphaToOne}), and moves it to {@code alphaBar[t_k]}; an explicit
 * timestep list must ascend. With the same settings, DDIM sampling retraces these levels in reverse.
 */
public final class DdimInversion extends AbstractSampler {

    public DdimInversion() {
        super("ddim-inversion");
    }

    @Override
    boolean ascending() {
        return true;
    }

    /** The LEADING / TRAILING / LINSPACE grid, ascending. */
    @Override
    double[] grid(NoiseSchedule schedule, SamplerSettings settings) {
        double[] descending = super.grid(schedule, settings);
        double[] ascending = new double[descending.length];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = descending[descending.length - 1 - i];
        }
        return ascending;
    }

    @Override
    SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings) {
        int[] all = toInts(allTimesteps(schedule, settings));
        double[] in = new double[all.length];
        double[] out = new double[all.length];
        for (int k = 0; k < all.length; k++) {
            in[k] = k == 0 ? VpRun.finalAlphaBar(schedule, settings.setAlphaToOne()) : schedule.alphaBar(all[k - 1]);
            out[k] = schedule.alphaBar(all[k]);
        }
        // levels come from the whole grid: a run that skips steps starts at the level the skipped ones reach
        int s = settings.startStep();
        return new Run(Arrays.copyOfRange(all, s, all.length), Arrays.copyOfRange(in, s, in.length),
                Arrays.copyOfRange(out, s, out.length), settings.clipSample());
    }

    private static final class Run extends VpRun {

        Run(int[] ts, double[] in, double[] out, boolean clip) {
            super(ts, in, out, clip);
        }

        /** Inversion starts from a clean sample, never from noise. */
        @Override
        public Tensor initialSample(Tensor unitNoise) {
            throw new UnsupportedOperationException("DDIM inversion starts from a clean sample, not from noise");
        }

        @Override
        public Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise) {
            // DDIM eq. (12) with sigma = 0, evaluated towards the higher noise level
            return ddimUpdate(clipped(p), nextAlphaBar(k), 0, noise);
        }

        @Override
        public boolean supportsResampling() {
            return false;
        }

        @Override
        public Tensor renoise(Tensor x, int k, GaussianNoise noise) {
            throw new UnsupportedOperationException("DDIM inversion does not resample");
        }
    }
}
