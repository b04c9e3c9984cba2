package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

/**
 * DDNM+ with each component's own noise level ({@link SpectralOperator}: {@code sigma_y / s}) against DDNM+ with the
 * observation's {@code sigma_y} as the level of {@code A+ y}, on a problem whose answer is known: values drawn
 * i.i.d. from N(0, 1) (the exact diffusion model of that prior, {@link GaussianPriorDenoiser}), averaged 4 at a
 * time (a z-stack's thick slices) with noise. The posterior mean is then the Wiener estimate
 * {@code A^T (A A^T + sigma^2 I)^-1 y}. Errors are measured in the operator's range (the null space is the prior's
 * alone, the same for both).
 */
class SpectralProjectionTest {

    private static final double SIGMA_Y = 0.3;

    /** A observed as a plain operator: DDNM+ with one lambda. */
    private record Plain(LinearOperator a) implements LinearOperator {
        @Override
        public Tensor apply(Tensor x) {
            return a.apply(x);
        }

        @Override
        public Tensor pseudoInverse(Tensor y) {
            return a.pseudoInverse(y);
        }
    }

    /** Sampling in the model's own units (the normalisation maps [-1, 1] to itself), no final projection. */
    private static final class Projected extends RestorationTask {
        private final int[] shape;
        private final Tensor y;

        Projected(LinearOperator a, Tensor y, int[] shape) {
            super(new ModelSpace(new Normalization(-1, 1, 2), 1, 1), a, y);
            this.shape = shape;
            this.y = y;
        }

        @Override
        public RestorationProblem problem() {
            return RestorationProblem.projected(shape, operator(), y, SIGMA_Y, null);
        }

        @Override
        public Tensor finish(Tensor result) {
            return result;
        }
    }

    @Test
    void theBlockMeansNoiseIsTakenAtItsLevelInThePseudoInverse() {
        AveragePool a = new AveragePool(4, 1);
        Tensor truth = random(1, 1, 32, 48, 11);
        Tensor noise = new GaussianNoise(12).next(1, 1, 8, 48);
        Tensor y = Tensors.axpby(1, a.apply(truth), SIGMA_Y, noise);
        int[] shape = truth.shape();

        TaskRunner runner = new TaskRunner(TaskFixtures.setup(new GaussianPriorDenoiser(0, 1), "ddim", 30));
        Tensor spectral = runner.run(new Projected(a, y, shape), 16, 1).image();
        Tensor single = runner.run(new Projected(new Plain(a), y, shape), 16, 1).image();
        // Wiener: A^T (A A^T + sigma^2 I)^-1 y, with A A^T = I / 4 and A^T = A+ / 4 for 4 x 1 averaging
        Tensor wiener = Tensors.scale(1 / (1 + 4 * SIGMA_Y * SIGMA_Y), a.pseudoInverse(y));

        // the mean of the draws approaches the posterior mean when each component gets its own noise level
        double ours = rangeError(a, spectral, wiener);
        double oneLambda = rangeError(a, single, wiener);
        String figures = "range RMS distance to the posterior mean: per component " + ours + ", one lambda "
                + oneLambda + "; to the truth " + rangeError(a, spectral, truth) + ", " + rangeError(a, single, truth)
                + ", Wiener's " + rangeError(a, wiener, truth);
        assertTrue(ours < 0.7 * oneLambda, figures);
    }

    private static Tensor random(int b, int c, int h, int w, long seed) {
        Random rnd = new Random(seed);
        Tensor t = new Tensor(b, c, h, w);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    private static double rangeError(AveragePool a, Tensor estimate, Tensor truth) {
        Tensor error = a.rangeComponents(Tensors.sub(estimate, truth), s -> 1);
        return TaskFixtures.rms(error, error.zerosLike());
    }
}
