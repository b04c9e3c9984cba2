package org.diffusionj.engine.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class NoiseEstimationTest {

    static final int SIZE = 256;

    /**
     * A noise-free fluorescence-like image in photons: a dim, slowly varying background (2 to 8 % of the
     * peak) and Gaussian spots 2 to 14 pixels wide, scaled so that the brightest pixel is {@code peak}.
     */
    static float[] smooth(int w, int h, double peak, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[w * h];
        double gx = rnd.nextDouble() * 2 * Math.PI;
        double gy = rnd.nextDouble() * 2 * Math.PI;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 0.02 + 0.06 * (0.5 + 0.5 * Math.sin(gx + x / 60.0) * Math.cos(gy + y / 70.0));
            }
        }
        for (int k = 0; k < w * h / 1500; k++) {
            double cx = rnd.nextDouble() * w;
            double cy = rnd.nextDouble() * h;
            double s = 2 + 12 * rnd.nextDouble();
            double amplitude = 0.2 + 0.8 * rnd.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    v[y * w + x] += amplitude * Math.exp(-r2 / (2 * s * s));
                }
            }
        }
        double max = 0;
        for (double d : v) {
            max = Math.max(max, d);
        }
        float[] out = new float[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (v[i] / max * peak);
        }
        return out;
    }

    /** The image in data units, {@code gain * photons + offset}, with Poisson-Gaussian noise. */
    static float[] noisy(float[] photons, PoissonGaussianNoise noise, long seed) {
        float[] clean = new float[photons.length];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = (float) (noise.gain() * photons[i] + noise.offset());
        }
        return noise.apply(clean, new SplittableRandom(seed));
    }

    /** The acceptance test: gain and read noise within 20 % at peaks of 10, 50 and 300 photons. */
    @Test
    void gainAndReadNoiseWithinTwentyPercent() {
        long seed = 0;
        for (double gain : new double[] {2.0, 0.5}) {
            for (double peak : new double[] {10, 50, 300}) {
                seed++;
                double sigma = 1.5 * gain;
                PoissonGaussianNoise truth = new PoissonGaussianNoise(gain, 0, sigma);
                float[] data = noisy(smooth(SIZE, SIZE, peak, seed), truth, 100 + seed);
                NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
                String label = "gain " + gain + ", peak " + peak + " photons: " + e.gain() + ", " + e.readSigma();
                assertTrue(e.measurable(), label);
                assertEquals(gain, e.gain(), 0.2 * gain, label);
                assertEquals(sigma, e.readSigma(), 0.2 * sigma, label);
                PoissonGaussianNoise model = e.model();
                assertEquals(e.gain() * 40 + e.intercept(), model.variance(40), 1e-9 * model.variance(40));
            }
        }
    }

    /**
     * A thick-sliced stack's planes are small (here 24 planes of 40 x 40, the size of a cropped z-stack): their
     * samples pooled give one estimate within 20 % at every level.
     */
    @Test
    void aStackOfSmallPlanesGivesOneEstimate() {
        int side = 40;
        int depth = 24;
        long seed = 50;
        for (double peak : new double[] {10, 50, 300}) {
            seed++;
            PoissonGaussianNoise truth = new PoissonGaussianNoise(2, 0, 3);
            float[] stack = new float[side * side * depth];
            for (int z = 0; z < depth; z++) {
                float[] plane = noisy(smooth(side, side, peak, seed * 100 + z), truth, seed * 1000 + z);
                System.arraycopy(plane, 0, stack, z * side * side, plane.length);
            }
            NoiseEstimation.Estimate e = NoiseEstimation.estimate(stack, side, side, depth);
            String label = "peak " + peak + " photons: " + e.gain() + ", " + e.readSigma();
            assertTrue(e.measurable(), label);
            assertEquals(2, e.gain(), 0.4, label);
            assertEquals(3, e.readSigma(), 0.6, label);
        }
        float[] plane = new float[64 * 64];
        assertThrows(IllegalArgumentException.class, () -> NoiseEstimation.estimate(plane, 64, 32, 3));
    }

    /** Sharp-edged objects must not pass for noise. */
    @Test
    void edgesAreNotTakenForNoise() {
        float[] photons = smooth(SIZE, SIZE, 200, 21);
        Random rnd = new Random(22);
        for (int k = 0; k < 16; k++) {
            double cx = rnd.nextDouble() * SIZE;
            double cy = rnd.nextDouble() * SIZE;
            double r = 5 + 15 * rnd.nextDouble();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        photons[y * SIZE + x] += 80;
                    }
                }
            }
        }
        float[] data = noisy(photons, new PoissonGaussianNoise(2, 0, 3), 23);
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
        assertEquals(2, e.gain(), 0.4, "gain " + e.gain());
        assertEquals(3, e.readSigma(), 0.6, "read noise " + e.readSigma());
    }

    /** 8-bit data with a pedestal, saturated at 255: clipped pixels are left out, the known offset is used. */
    @Test
    void saturatedPixelsAreLeftOut() {
        PoissonGaussianNoise truth = new PoissonGaussianNoise(2, 10, 3);
        float[] data = noisy(smooth(SIZE, SIZE, 200, 31), truth, 32);
        int saturated = 0;
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.max(0, Math.min(255, Math.round(data[i])));
            saturated += data[i] == 255 ? 1 : 0;
        }
        assertTrue(saturated > data.length / 100, "the test needs clipping: " + saturated);
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
        assertEquals(2, e.gain(), 0.4, "gain " + e.gain());
        // Variances alone see sigma^2 - gain * offset = 9 - 20: a negative intercept, an offset in the model.
        assertTrue(e.intercept() < 0, "intercept " + e.intercept());
        assertEquals(0, e.model().readSigma(), 0);
        assertEquals(-e.intercept() / e.gain(), e.model().offset(), 1e-9);
        assertEquals(3, e.model(10).readSigma(), 0.6, "read noise at the known offset");
    }

    @Test
    void negativeValuesAreFine() {
        PoissonGaussianNoise truth = new PoissonGaussianNoise(1, -100, 2);
        float[] data = noisy(smooth(SIZE, SIZE, 100, 41), truth, 42);
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
        assertEquals(1, e.gain(), 0.2, "gain " + e.gain());
        assertEquals(2, e.model(-100).readSigma(), 0.4, "read noise " + e.model(-100).readSigma());
        assertEquals(Math.sqrt(e.intercept()), e.readSigma(), 1e-12, "the offset folded into the read noise");
    }

    @Test
    void noiseFreeImagesHaveNoMeasurableNoise() {
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(smooth(SIZE, SIZE, 300, 51), SIZE, SIZE);
        assertFalse(e.measurable());
        assertFalse(e.hasNoise());
        assertEquals(0, e.readSigma(), 1e-3);
        assertThrows(IllegalStateException.class, e::model);
        assertFalse(NoiseEstimation.estimate(new float[SIZE * SIZE], SIZE, SIZE).measurable(), "constant image");
    }

    /** A clean image stored as 8-bit integers: its rounding is no noise to remove. */
    @Test
    void aCleanEightBitImageHasNoNoise() {
        float[] data = smooth(SIZE, SIZE, 255, 52);
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.round(data[i]);
        }
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
        assertFalse(e.hasNoise(), "read noise " + e.readSigma() + ", gain " + e.gain());
    }

    /**
     * Too few smooth pixels for the line: a small noisy image gets Gaussian noise alone, measured from the pixels it
     * has; a mostly clipped one gets no estimate (which is not "no noise"); a small clean one has no noise.
     */
    @Test
    void tooFewPixelsForTheLine() {
        int side = 24;
        float[] small = smooth(side, side, 300, 71);
        float[] clean = small.clone();
        Random rnd = new Random(72);
        for (int i = 0; i < small.length; i++) {
            small[i] += (float) (8 * rnd.nextGaussian());
        }
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(small, side, side);
        assertTrue(e.tooFewPixels());
        assertTrue(e.hasNoise());
        assertEquals(0, e.gain());
        assertEquals(8, e.readSigma(), 2, "Gaussian noise alone, from " + side + " x " + side + " pixels");
        NoiseEstimation.Estimate quiet = NoiseEstimation.estimate(clean, side, side);
        assertFalse(quiet.hasNoise(), "a small clean image: read noise " + quiet.readSigma());
        float[] clipped = new float[SIZE * SIZE];
        for (int i = 0; i < clipped.length; i++) {
            int x = i % SIZE;
            int y = i / SIZE;
            clipped[i] = x < 10 && y < 10 ? (float) (100 + 20 * rnd.nextGaussian()) : 255;
        }
        NoiseEstimation.Estimate none = NoiseEstimation.estimate(clipped, SIZE, SIZE);
        assertTrue(none.tooFewPixels());
        assertFalse(none.measurable());
    }

    @Test
    void gaussianNoiseHasNoGain() {
        float[] data = smooth(SIZE, SIZE, 100, 61);
        Random rnd = new Random(62);
        for (int i = 0; i < data.length; i++) {
            data[i] += (float) (5 * rnd.nextGaussian());
        }
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(data, SIZE, SIZE);
        assertTrue(e.measurable());
        assertTrue(e.hasNoise());
        assertEquals(5, e.readSigma(), 0.5);
        assertTrue(e.gain() * 100 < 0.1 * 25, "signal-dependent variance " + e.gain() * 100 + " at the peak");
        assertEquals(25, e.model().variance(50), 2.5 + 50 * e.gain(), "the model: Gaussian, or with a tiny gain");
    }

    @Test
    void tensorsAreReadOneChannelAtATime() {
        float[] photons = smooth(64, 64, 100, 71);
        float[] noisy = noisy(photons, new PoissonGaussianNoise(2, 0, 3), 72);
        float[] both = new float[2 * 64 * 64];
        System.arraycopy(noisy, 0, both, 64 * 64, 64 * 64);
        Tensor t = new Tensor(both, 1, 2, 64, 64);
        assertEquals(NoiseEstimation.estimate(noisy, 64, 64), NoiseEstimation.estimate(t, 0, 1));
        assertFalse(NoiseEstimation.estimate(t, 0, 0).measurable(), "the zero channel");
        assertThrows(IllegalArgumentException.class, () -> NoiseEstimation.estimate(t, 0, 2));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NoiseEstimation.estimate(new float[100], 10, 10));
        assertThrows(IllegalArgumentException.class, () -> NoiseEstimation.estimate(new float[400], 16, 16));
        float[] nan = new float[256];
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> NoiseEstimation.estimate(nan, 16, 16));
    }
}
