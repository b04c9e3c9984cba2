package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.noise.PoissonGaussianNoise;
import org.diffusionj.engine.sampler.SamplingRun;
import org.junit.jupiter.api.Test;

class DenoisingTest {

    private static final PoissonGaussianNoise CAMERA = new PoissonGaussianNoise(2, 100, 3);

    /** A flat image at 50 photons: its stabilised form is the model-space prior's mean, so the prior can help. */
    private static Tensor flat(int h, int w) {
        Tensor t = new Tensor(1, 1, h, w);
        java.util.Arrays.fill(t.data(), (float) (100 + 2 * 50));
        return t;
    }

    @Test
    void startsAtTheStepMatchingTheNoiseAndRemovesMostOfIt() {
        Tensor clean = flat(24, 24);
        Tensor noisy = CAMERA.apply(clean, new SplittableRandom(3));
        Denoising task = Denoising.of(noisy, null, CAMERA, 3, 0.1, 99.9);
        GaussianPriorDenoiser prior = new GaussianPriorDenoiser(0, 0.2);
        Restoration r = new TaskRunner(TaskFixtures.setup(prior, "ddim", 50)).run(task, 4, 1);
        // the first step run is the last whose level holds at least the image's noise
        SamplingRun full = TaskFixtures.setup(prior, "ddim", 50).sampler().start(GaussianPriorDenoiser.SCHEDULE,
                org.diffusionj.engine.sampler.SamplerSettings.steps(50));
        int expected = 0;
        for (int k = 0; k < full.evaluations(); k++) {
            if (TaskRunner.veSigma(full.alphaBar(k)) >= task.modelSigma()) {
                expected = full.evaluations() - k;
            }
        }
        assertEquals(expected, r.metrics().get("steps"), 0);
        assertTrue(expected > 0 && expected < 50, "a part of the schedule, not all: " + expected);
        double before = TaskFixtures.rms(noisy, clean);
        double after = TaskFixtures.rms(r.image(), clean);
        assertTrue(after < 0.6 * before, "rms error " + after + " vs the noisy image's " + before);
    }

    /** Gaussian noise alone (gain 0): standardised instead of Anscombe-transformed, and removed the same way. */
    @Test
    void gaussianNoiseAloneIsRemovedToo() {
        PoissonGaussianNoise noise = PoissonGaussianNoise.gaussian(8);
        Tensor clean = flat(24, 24);
        Tensor noisy = noise.apply(clean, new SplittableRandom(13));
        Denoising task = Denoising.of(noisy, null, noise, 3, 0.1, 99.9);
        Restoration r = new TaskRunner(TaskFixtures.setup(new GaussianPriorDenoiser(0, 0.2), "ddim", 50))
                .run(task, 4, 1);
        double before = TaskFixtures.rms(noisy, clean);
        double after = TaskFixtures.rms(r.image(), clean);
        assertEquals(8, before, 0.8, "the noise drawn");
        assertTrue(after < 0.6 * before, "rms error " + after + " vs the noisy image's " + before);
    }

    @Test
    void onlyTheMaskedPixelsChange() {
        Tensor noisy = CAMERA.apply(flat(16, 16), new SplittableRandom(4));
        Tensor known = TaskFixtures.maskRowsFirst(16, 16, 4, 12, 4, 12);
        for (int i = 0; i < known.size(); i++) {
            known.data()[i] = 1 - known.data()[i];
        }
        Denoising task = Denoising.of(noisy, known, CAMERA, 3, 0.1, 99.9);
        Restoration r = new TaskRunner(TaskFixtures.setup(new GaussianPriorDenoiser(0, 0.2))).run(task, 1, 1);
        int changed = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                boolean inside = y >= 4 && y < 12 && x >= 4 && x < 12;
                float in = noisy.get(0, 0, y, x);
                float out = r.image().get(0, 0, y, x);
                if (!inside) {
                    assertEquals(in, out, 0f, "outside the mask at " + x + "," + y);
                } else if (in != out) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 50, "the inside is denoised: " + changed + " of 64 changed");
    }

    @Test
    void anEmptyMaskIsRefused() {
        Tensor noisy = CAMERA.apply(flat(8, 8), new SplittableRandom(5));
        Tensor allKnown = org.diffusionj.engine.Tensors.full(new Tensor(1, 1, 8, 8), 1f);
        assertThrows(IllegalArgumentException.class, () -> Denoising.of(noisy, allKnown, CAMERA, 3, 0.1, 99.9));
    }

    /**
     * The blend's units: a result taken to the observation's units and back is itself (through E[f(z) | y], the
     * functional inverse of the exact unbiased inverse), where the plain transform and that inverse would add about
     * a quarter photon.
     */
    @Test
    void resultsGoToTheObservationsUnitsAndBackUnchanged() {
        Tensor noisy = CAMERA.apply(flat(8, 8), new SplittableRandom(6));
        Denoising task = Denoising.of(noisy, null, CAMERA, 3, 0.1, 99.9);
        Tensor values = new Tensor(1, 1, 1, 6);
        double[] photons = {1, 5, 20, 100, 400, 2000};
        for (int i = 0; i < photons.length; i++) {
            values.data()[i] = (float) (CAMERA.offset() + CAMERA.gain() * photons[i]);
        }
        Tensor back = task.fromObservationUnits(task.toObservationUnits(values));
        org.diffusionj.engine.noise.GeneralizedAnscombe plain = new org.diffusionj.engine.noise.GeneralizedAnscombe(
                CAMERA);
        for (int i = 0; i < photons.length; i++) {
            double v = values.data()[i];
            assertEquals(v, back.data()[i], 0.02 * CAMERA.gain() + 1e-5 * v, "round trip at " + photons[i] + " photons");
            double biased = plain.inverse(plain.forward(v));
            assertTrue(biased - v > 0.2 * CAMERA.gain(), "the plain transform's bias at " + photons[i] + ": "
                    + (biased - v));
        }
    }
}
