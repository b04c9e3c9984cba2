package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.noise.GeneralizedAnscombe;
import org.diffusionj.engine.noise.PoissonGaussianNoise;
import org.junit.jupiter.api.Test;

class StabilisedSuperResolutionTest {

    private static final PoissonGaussianNoise CAMERA = new PoissonGaussianNoise(2, 100, 3);
    private static final AveragePool ROWS = new AveragePool(4, 1);

    /**
     * A flat xz slice at 50 photons, 4 rows of the result per noisy input row: the noise-free reconstruction draws
     * the input's noise into the result (pooling it gives the noisy input back); the stabilised one takes most of
     * it out, because DDNM+ knows the noise at every brightness.
     */
    @Test
    void aNoisyThickSliceIsDenoisedWhileItIsMadeIsotropic() {
        Tensor clean = new Tensor(1, 1, 6, 24);
        Arrays.fill(clean.data(), (float) (100 + 2 * 50));
        Tensor noisy = CAMERA.apply(clean, new SplittableRandom(5));
        Tensor truth = new Tensor(1, 1, 24, 24);
        Arrays.fill(truth.data(), clean.data()[0]);
        GaussianPriorDenoiser prior = new GaussianPriorDenoiser(0, 0.2);

        SuperResolution exact = new SuperResolution(noisy, ROWS, 0, ModelSpace.of(noisy, 3, 0.1, 99.9));
        Tensor plain = new TaskRunner(TaskFixtures.setup(prior, "ddim", 30)).run(exact, 1, 1).image();
        SuperResolution stabilised = SuperResolution.stabilised(noisy, ROWS, new GeneralizedAnscombe(CAMERA), 3, 0.1,
                99.9);
        Tensor ours = new TaskRunner(TaskFixtures.setup(prior, "ddim", 30)).run(stabilised, 1, 1).image();

        assertEquals(0, TaskFixtures.rms(ROWS.apply(plain), noisy), 1e-3, "noise-free DDNM keeps the input's noise");
        double before = TaskFixtures.rms(plain, truth);
        double after = TaskFixtures.rms(ours, truth);
        assertTrue(after < 0.6 * before, "rms error " + after + " against the noise-free reconstruction's " + before);
    }
}
