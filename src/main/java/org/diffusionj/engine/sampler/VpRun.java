package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * Base of the variance-preserving runs (DDPM, DDIM, DDIM inversion): the sample is {@code x_t} itself, and
 * evaluation {@code k} moves it from level {@code alphaBar(k)} to {@code nextAlphaBar(k)}.
 */
abstract class VpRun implements SamplingRun {

    private final int[] timesteps;
    private final double[] alphaBarIn;
    private final double[] alphaBarOut;
    private final boolean clipSample;

    VpRun(int[] timesteps, double[] alphaBarIn, double[] alphaBarOut, boolean clipSample) {
        this.timesteps = timesteps;
        this.alphaBarIn = alphaBarIn;
        this.alphaBarOut = alphaBarOut;
        this.clipSample = clipSample;
    }

    /** Levels of a descending grid: each step lands on the next listed timestep, the last on {@code finalAlphaBar}. */
    static double[][] descendingLevels(NoiseSchedule schedule, int[] ts, double finalAlphaBar) {
        double[] in = new double[ts.length];
        double[] out = new double[ts.length];
        for (int k = 0; k < ts.length; k++) {
            in[k] = schedule.alphaBar(ts[k]);
            out[k] = k + 1 < ts.length ? schedule.alphaBar(ts[k + 1]) : finalAlphaBar;
        }
        return new double[][] {in, out};
    }

    /** The level below timestep 0: 1, or {@code alphaBar[0]} (DDIM paper's "set_alpha_to_one" choice). */
    static double finalAlphaBar(NoiseSchedule schedule, boolean setAlphaToOne) {
        return setAlphaToOne ? 1.0 : schedule.alphaBar(0);
    }

    @Override
    public int evaluations() {
        return timesteps.length;
    }

    @Override
    public long timestep(int k) {
        return timesteps[k];
    }

    @Override
    public double alphaBar(int k) {
        return alphaBarIn[k];
    }

    @Override
    public double nextAlphaBar(int k) {
        return alphaBarOut[k];
    }

    @Override
    public Tensor initialSample(Tensor unitNoise) {
        return unitNoise.copy();
    }

    @Override
    public Tensor modelInput(Tensor x, int k) {
        return x;
    }

    @Override
    public Tensor fromVp(Tensor xVp, int k) {
        return xVp;
    }

    /** DDPM eq. (4): {@code x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps}. */
    @Override
    public Tensor addNoise(Tensor x0, Tensor noise, int k) {
        double ab = alphaBarIn[k];
        return Tensors.axpby(Math.sqrt(ab), x0, Math.sqrt(1 - ab), noise);
    }

    @Override
    public boolean supportsResampling() {
        return true;
    }

    @Override
    public Tensor renoise(Tensor x, int k, GaussianNoise noise) {
        double ratio = alphaBarIn[k] / alphaBarOut[k];
        return Tensors.axpby(Math.sqrt(ratio), x, Math.sqrt(Math.max(0, 1 - ratio)), noise.nextLike(x));
    }

    /** The prediction with x0 clipped to [-1, 1] when the settings ask for it; eps is kept, as in diffusers. */
    final Prediction clipped(Prediction p) {
        return clipSample ? p.withX0(Tensors.clamp(p.x0(), -1, 1)) : p;
    }

    /**
     * DDIM paper eq. (12): {@code x_prev = sqrt(abar_prev) x0 + sqrt(1 - abar_prev - sigma^2) eps + sigma z};
     * the noise term is drawn only when sigma is positive.
     */
    static Tensor ddimUpdate(Prediction p, double alphaBarPrev, double sigma, GaussianNoise noise) {
        double direction = Math.sqrt(Math.max(0, 1 - alphaBarPrev - sigma * sigma));
        if (sigma > 0) {
            return Tensors.combine(Math.sqrt(alphaBarPrev), p.x0(), direction, p.eps(), sigma,
                    noise.nextLike(p.x0()));
        }
        return Tensors.axpby(Math.sqrt(alphaBarPrev), p.x0(), direction, p.eps());
    }
}
