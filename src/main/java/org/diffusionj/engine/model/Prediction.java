package org.diffusionj.engine.model;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * What a denoiser says about the current sample, in variance-preserving space: the predicted clean sample
 * {@code x0} and the predicted noise {@code eps}, related by {@code x_t = sqrt(abar) x0 + sqrt(1-abar) eps}.
 * Immutable holder; the tensors themselves are shared.
 */
public final class Prediction {

    private final Tensor x0;
    private final Tensor eps;

    /** Wraps a consistent pair (not checked against each other). */
    public Prediction(Tensor x0, Tensor eps) {
        Tensors.requireSameShape(x0, eps);
        this.x0 = x0;
        this.eps = eps;
    }

    /**
     * A prediction from a (possibly modified) clean estimate: {@code eps = (x_t - sqrt(abar) x0) / sqrt(1-abar)}
     * (DDIM paper eq. 12 solved for eps). At {@code abar = 1} there is no noise and eps is zero.
     */
    public static Prediction fromX0(Tensor x0, Tensor xVp, double alphaBar) {
        if (alphaBar >= 1) {
            return new Prediction(x0, x0.zerosLike());
        }
        double s = Math.sqrt(1 - alphaBar);
        return new Prediction(x0, Tensors.axpby(1 / s, xVp, -Math.sqrt(alphaBar) / s, x0));
    }

    /** A prediction from a noise estimate: {@code x0 = (x_t - sqrt(1-abar) eps) / sqrt(abar)} (DDPM eq. 15). */
    public static Prediction fromEps(Tensor eps, Tensor xVp, double alphaBar) {
        double a = Math.sqrt(alphaBar);
        return new Prediction(Tensors.axpby(1 / a, xVp, -Math.sqrt(1 - alphaBar) / a, eps), eps);
    }

    /** The predicted clean sample. */
    public Tensor x0() {
        return x0;
    }

    /** The predicted noise. */
    public Tensor eps() {
        return eps;
    }

    /** This prediction with another clean sample, keeping eps (a sampler's own x0 clipping does this). */
    public Prediction withX0(Tensor newX0) {
        return new Prediction(newX0, eps);
    }
}
