package org.diffusionj.engine.task;

import java.util.Arrays;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.sampler.ResamplingPlan;

/**
 * One sampling problem in the model's normalised space, everything {@link TaskRunner} needs: the shape of
 * the sample, an optional observation {@code y = A x} to project onto (with its noise level), an optional
 * guide image to start from at a given strength (SDEdit), and the resampling plan (RePaint's jumps, or one final
 * jump).
 *
 * @param shape      {@code [1, C, H, W]} of the sample the model draws
 * @param operator   the degradation A, or null for none (plain SDEdit)
 * @param y          the observation in model units, shaped like {@code A x} (null without an operator)
 * @param sigmaY     the noise on y in model units (0 = exact projection; DDNM+ otherwise)
 * @param guide      the image to start from, shaped like the sample, or null to start from noise
 * @param strength   SDEdit's strength in [0, 1]: the fraction of the steps that are run (1 without a guide)
 * @param resampling RePaint's jumps or the final jump, {@link ResamplingPlan#none()} for none
 * @param guideSigma the Gaussian noise the guide already holds, in model units (0 for a clean guide): when
 *                   above 0, sampling starts at the last step whose level is at least this much noise
 *                   (instead of at the strength's step) and only the missing noise is added (denoising)
 */
public record RestorationProblem(int[] shape, LinearOperator operator, Tensor y, double sigmaY, Tensor guide,
        double strength, ResamplingPlan resampling, double guideSigma) {

    /** A problem whose guide is clean ({@code guideSigma} 0). */
    public RestorationProblem(int[] shape, LinearOperator operator, Tensor y, double sigmaY, Tensor guide,
            double strength, ResamplingPlan resampling) {
        this(shape, operator, y, sigmaY, guide, strength, resampling, 0);
    }

    /** Checks the parts against each other; throws {@link IllegalArgumentException} naming the problem. */
    public RestorationProblem {
        if (shape == null || shape.length != 4) {
            throw new IllegalArgumentException("A sample shape is [B, C, H, W], got " + Arrays.toString(shape));
        }
        shape = shape.clone();
        if ((operator == null) != (y == null)) {
            throw new IllegalArgumentException("An operator needs an observation y and vice versa");
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must lie in [0, 1], got " + strength);
        }
        if (guide == null && strength != 1) {
            throw new IllegalArgumentException("Only a guided problem (SDEdit) can start part-way, at strength < 1");
        }
        if (guide != null && !Arrays.equals(guide.shape(), shape)) {
            throw new IllegalArgumentException("The guide " + guide + " is not shaped like the sample "
                    + Arrays.toString(shape));
        }
        if (resampling == null) {
            resampling = ResamplingPlan.none();
        }
        if (!(guideSigma >= 0) || Double.isInfinite(guideSigma) || guideSigma > 0 && guide == null) {
            throw new IllegalArgumentException("guideSigma must be finite, >= 0, and needs a guide; got " + guideSigma);
        }
    }

    /**
     * Denoising: the reverse process run from the noisy image itself (it holds Gaussian noise of {@code sigma}),
     * from the step whose level matches that noise.
     */
    public static RestorationProblem fromNoisy(Tensor noisy, double sigma) {
        return new RestorationProblem(noisy.shape(), null, null, 0, noisy, 1, null, sigma);
    }

    /** Sampling from noise, projected onto {@code y = A x}. */
    public static RestorationProblem projected(int[] shape, LinearOperator operator, Tensor y, double sigmaY,
            ResamplingPlan resampling) {
        return new RestorationProblem(shape, operator, y, sigmaY, null, 1, resampling);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
