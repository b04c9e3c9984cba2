package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeasuresTest {

    /** The pattern of the scikit-image reference values below, 20 x 16. */
    static FloatImage[] pattern() {
        int w = 20;
        int h = 16;
        FloatImage truth = FloatImage.zeros(w, h, 1);
        FloatImage estimate = FloatImage.zeros(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float t = (float) (Math.sin(0.3 * x) * Math.cos(0.2 * y) * 100 + 120 + x);
                truth.set(x, y, 0, t);
                estimate.set(x, y, 0, (float) (t + 10 * Math.sin(0.7 * x + 0.3 * y)));
            }
        }
        return new FloatImage[] {truth, estimate};
    }

    @Test
    void psnrOfAUniformErrorOfATenthOfTheRangeIs20Db() {
        FloatImage truth = new FloatImage(new float[] {0, 1, 0, 1}, 2, 2, 1);
        FloatImage estimate = new FloatImage(new float[] {0.1f, 0.9f, 0.1f, 0.9f}, 2, 2, 1);
        assertEquals(20, Measures.psnr(truth, estimate), 1e-5);
        assertEquals(Double.POSITIVE_INFINITY, Measures.psnr(truth, truth.copy()));
    }

    @Test
    void psnrInsideAMaskIgnoresTheRest() {
        FloatImage truth = new FloatImage(new float[] {0, 1, 0, 1}, 2, 2, 1);
        FloatImage estimate = new FloatImage(new float[] {0.1f, 0.9f, 5, 1}, 2, 2, 1);
        assertEquals(20, Measures.psnr(truth, estimate, new boolean[] {true, true, false, false}), 1e-5);
        assertTrue(Double.isNaN(Measures.psnr(truth, estimate, new boolean[4])));
    }

    @Test
    void psnrAndSsimMatchScikitImage() {
        // /usr/bin/python3: skimage 0.19.3 structural_similarity(t, e, data_range=t.max()-t.min(),
        // gaussian_weights=True, sigma=1.5, use_sample_covariance=False) and peak_signal_noise_ratio
        FloatImage[] p = pattern();
        assertEquals(0.9574150830451731, Measures.ssim(p[0], p[1]), 1e-6);
        assertEquals(29.352148195634413, Measures.psnr(p[0], p[1]), 1e-4);
    }

    @Test
    void ssimOfAnImageWithItselfIsOneAndOfConstantsFollowsTheFormula() {
        FloatImage[] p = pattern();
        assertEquals(1, Measures.ssim(p[0], p[0].copy()), 1e-12);
        FloatImage a = FloatImage.zeros(12, 12, 1);
        FloatImage b = FloatImage.zeros(12, 12, 1);
        java.util.Arrays.fill(a.data(), 0.2f);
        java.util.Arrays.fill(b.data(), 0.5f);
        // no variance: SSIM = (2 a b + C1) / (a^2 + b^2 + C1), C1 = (0.01 L)^2
        double c1 = 1e-4;
        double ab = 0.2f * (double) 0.5f;
        double expected = (2 * ab + c1) / (0.2f * (double) 0.2f + 0.5f * (double) 0.5f + c1);
        assertEquals(expected, Measures.ssim(a, b, 1), 1e-9);
    }

    @Test
    void ssimOfRgbAveragesTheChannels() {
        FloatImage[] p = pattern();
        FloatImage truth = FloatImage.stack(p[0], p[0], p[0]);
        FloatImage estimate = FloatImage.stack(p[1], p[0], p[0]);
        double one = Measures.ssim(p[0], p[1], p[0].range());
        assertEquals((one + 2) / 3, Measures.ssim(truth, estimate), 1e-9);
    }

    @Test
    void colourfulnessOfGrayIsZeroAndOfAFlatColourIsItsMeanTerm() {
        FloatImage[] p = pattern();
        assertEquals(0, Measures.colourfulness(Degradations.replicate(p[0])), 1e-9);
        assertEquals(0, Measures.colourfulness(p[0]));
        FloatImage orange = FloatImage.zeros(4, 4, 3);
        for (int i = 0; i < 16; i++) {
            orange.data()[i] = 100;
            orange.data()[16 + i] = 50;
        }
        // rg = 50, yb = 75 everywhere: M = 0 + 0.3 sqrt(50^2 + 75^2)
        assertEquals(0.3 * Math.hypot(50, 75), Measures.colourfulness(orange), 1e-9);
    }

    @Test
    void consistencyFiguresAreRelativeToTheRange() {
        FloatImage a = new FloatImage(new float[] {0, 0, 0, 0}, 2, 2, 1);
        FloatImage b = new FloatImage(new float[] {2, -2, 2, -2}, 2, 2, 1);
        assertEquals(0.5, Measures.relativeRms(a, b, 4), 1e-12);
        assertEquals(0, Measures.relativeMaxDifference(a, b, new boolean[4], 4));
        assertEquals(0.5, Measures.relativeMaxDifference(a, b, null, 4));
    }

    @Test
    void differentShapesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Measures.psnr(FloatImage.zeros(2, 2, 1), FloatImage.zeros(2, 2, 3)));
    }
}
