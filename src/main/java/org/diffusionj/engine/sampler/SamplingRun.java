package org.diffusionj.engine.sampler;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;

/**
 * The per-run state of a sampler: a fixed sequence of model evaluations {@code k = 0 .. evaluations()-1}
 * and the update that follows each.
 *
 * <p>Samples live in the sampler's own space: variance-preserving for DDPM / DDIM / DDIM inversion,
 * variance-exploding ({@code x = x0 + sigma eps}) for Euler / Heun / DPM-Solver++. {@link #modelInput} maps a
 * sample to the variance-preserving network input, {@link #fromVp} maps back. Runs with a solver history
 * (Heun, DPM-Solver++(2M)) require {@link #step} to be called for k = 0, 1, 2, ... in order and throw
 * {@link IllegalStateException} otherwise. Not thread-safe.
 */
public interface SamplingRun {

    /** Number of model evaluations (Heun needs two per step except the last). */
    int evaluations();

    /** Number of solver steps; equals {@link #evaluations()} except for Heun. */
    default int steps() {
        return evaluations();
    }

    /**
     * The integer model timestep of evaluation {@code k}. Sigma samplers interpolate t from sigma and round it
     * to the nearest integer (half to even), since the network takes integer timesteps.
     */
    long timestep(int k);

    /** The timestep of evaluation {@code k} before rounding (equal to {@link #timestep} for DDPM / DDIM). */
    default double fractionalTimestep(int k) {
        return timestep(k);
    }

    /**
     * The variance-preserving alpha-bar of the model input of evaluation {@code k}; for sigma samplers
     * {@code 1 / (1 + sigma^2)}.
     */
    double alphaBar(int k);

    /** The variance-preserving alpha-bar of the sample that {@link #step} returns for evaluation {@code k}. */
    double nextAlphaBar(int k);

    /** The starting sample {@code x_T} from unit Gaussian noise (times sigma_max for sigma samplers). */
    Tensor initialSample(Tensor unitNoise);

    /** The network input for evaluation {@code k}: the identity for VP samplers, {@code x / sqrt(sigma^2+1)}. */
    Tensor modelInput(Tensor x, int k);

    /** Inverse of {@link #modelInput}: a variance-preserving sample at the level of evaluation {@code k}. */
    Tensor fromVp(Tensor xVp, int k);

    /**
     * The way back to the variance-preserving form: the sample that step {@code k} produced, as
     * {@code sqrt(abar) x0 + sqrt(1 - abar) eps} at that step's level ({@link #nextAlphaBar}). The identity for
     * DDPM / DDIM; {@code x sqrt(nextAlphaBar(k))} for the sigma samplers.
     */
    default Tensor toVp(Tensor x, int k) {
        return x.copy();
    }

    /**
     * The sample after evaluation {@code k}. {@code x} is the sample that was fed (via {@link #modelInput}) to
     * the network, {@code p} the prediction made from it, {@code noise} the run's generator (stochastic
     * samplers draw from it).
     */
    Tensor step(Prediction p, int k, Tensor x, GaussianNoise noise);

    /**
     * Forward-noises a clean sample to the level of evaluation {@code k}, in this run's space
     * (SDEdit, inpainting re-injection): {@code sqrt(abar) x0 + sqrt(1-abar) noise}, or {@code x0 + sigma noise}.
     */
    Tensor addNoise(Tensor x0, Tensor noise, int k);

    /** Whether {@link #renoise} is available (stateless DDPM / DDIM). */
    boolean supportsResampling();

    /**
     * RePaint's jump back (Lugmayr et al. 2022, Algorithm 1): takes a sample at the level {@link #step} left it
     * after evaluation {@code k} back up to the level of evaluation {@code k},
     * {@code x_t = sqrt(abar_t / abar_s) x_s + sqrt(1 - abar_t / abar_s) z}.
     *
     * @throws UnsupportedOperationException when {@link #supportsResampling()} is false
     */
    Tensor renoise(Tensor x, int k, GaussianNoise noise);
}
