package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * Base of the variance-exploding runs (Euler, Heun, DPM-Solver++): the sample is {@code x = x0 + sigma eps},
 * i.e. {@code x_t / sqrt(abar_t)}, and the network sees {@code x / sqrt(sigma^2 + 1)}. Evaluation k is made
 * at {@code sigmaIn[k]} and its step lands at {@code sigmaOut[k]}. Tracks the order of steps for samplers
 * with a history.
 */
abstract class SigmaRun implements SamplingRun {

    private final double[] sigmaIn;
    private final double[] sigmaOut;
    private final double[] timesteps;
    private int nextStep;

    SigmaRun(double[] sigmaIn, double[] sigmaOut, double[] timesteps) {
        this.sigmaIn = sigmaIn;
        this.sigmaOut = sigmaOut;
        this.timesteps = timesteps;
    }

    @Override
    public int evaluations() {
        return sigmaIn.length;
    }

    final double sigma(int k) {
        return sigmaIn[k];
    }

    final double nextSigma(int k) {
        return sigmaOut[k];
    }

    /** Rounded half to even, like numpy's round. */
    @Override
    public long timestep(int k) {
        return (long) Math.rint(timesteps[k]);
    }

    @Override
    public double fractionalTimestep(int k) {
        return timesteps[k];
    }

    @Override
    public double alphaBar(int k) {
        return 1 / (1 + sigmaIn[k] * sigmaIn[k]);
    }

    @Override
    public double nextAlphaBar(int k) {
        return 1 / (1 + sigmaOut[k] * sigmaOut[k]);
    }

    /** {@code x_T = z * sigma_max} (k-diffusion; diffusers' Euler with linspace or trailing spacing). */
    @Override
    public Tensor initialSample(Tensor unitNoise) {
        return evaluations() == 0 ? unitNoise.copy() : Tensors.scale(sigmaIn[0], unitNoise);
    }

    /** Karras et al. 2022, Table 1: {@code c_in = 1 / sqrt(sigma^2 + sigma_data^2)} with the VP data scale 1. */
    @Override
    public Tensor modelInput(Tensor x, int k) {
        return Tensors.scale(1 / Math.sqrt(sigmaIn[k] * sigmaIn[k] + 1), x);
    }

    @Override
    public Tensor fromVp(Tensor xVp, int k) {
        return Tensors.scale(Math.sqrt(sigmaIn[k] * sigmaIn[k] + 1), xVp);
    }

    @Override
    public Tensor toVp(Tensor x, int k) {
        return Tensors.scale(Math.sqrt(nextAlphaBar(k)), x);
    }

    @Override
    public Tensor addNoise(Tensor x0, Tensor noise, int k) {
        return Tensors.axpby(1, x0, sigmaIn[k], noise);
    }

    @Override
    public boolean supportsResampling() {
        return false;
    }

    @Override
    public Tensor renoise(Tensor x, int k, GaussianNoise noise) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support resampling");
    }

    /** For runs with a history: accepts evaluation {@code k} only in order 0, 1, 2, ... */
    final void enterStep(int k) {
        if (k != nextStep) {
            throw new IllegalStateException("This sampler keeps a history and must step in order: expected"
                    + " evaluation " + nextStep + ", got " + k);
        }
        nextStep++;
    }

    /** Karras et al. 2022, eq. (3) as an ODE slope: {@code d = (x - D(x; sigma)) / sigma}. */
    static Tensor slope(Tensor x, Tensor denoised, double sigma) {
        return Tensors.axpby(1 / sigma, x, -1 / sigma, denoised);
    }
}
