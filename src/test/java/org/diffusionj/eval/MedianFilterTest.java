package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianFilterTest {

    /** A smooth two-channel test image and a copy with white Gaussian noise of standard deviation 10. */
    static FloatImage[] smoothAndNoisy(int w, int h, long seed) {
        FloatImage truth = FloatImage.zeros(w, h, 2);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double r2 = (x - 0.4 * w) * (x - 0.4 * w) + (y - 0.6 * h) * (y - 0.6 * h);
                    double blob = Math.exp(-r2 / (0.02 * w * h));
                    truth.set(x, y, c, (float) (60 + 40 * Math.sin(x / 9.0 + c) * Math.cos(y / 13.0) + 120 * blob));
                }
            }
        }
        FloatImage noisy = truth.copy();
        Random rnd = new Random(seed);
        for (int i = 0; i < noisy.data().length; i++) {
            noisy.data()[i] += (float) (10 * rnd.nextGaussian());
        }
        return new FloatImage[] {truth, noisy};
    }

    @Test
    void aSingleOutlierIsRemoved() {
        FloatImage image = FloatImage.zeros(5, 4, 1);
        java.util.Arrays.fill(image.data(), 7);
        image.set(2, 1, 0, 1000);
        image.set(0, 0, 0, -500);
        FloatImage out = MedianFilter.median3x3(image);
        float[] sevens = new float[20];
        java.util.Arrays.fill(sevens, 7);
        assertArrayEquals(sevens, out.data(), "the outliers, inside and in a corner, are gone");
        assertEquals(1000, image.get(2, 1, 0), "the input is not changed");
    }

    @Test
    void bordersAreClampedAndChannelsSeparate() {
        // A vertical edge: clamping keeps it sharp up to the border; channel 1 stays constant.
        FloatImage image = FloatImage.zeros(4, 3, 2);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                image.set(x, y, 0, x < 2 ? 0 : 10);
                image.set(x, y, 1, 3);
            }
        }
        FloatImage out = MedianFilter.median3x3(image);
        assertArrayEquals(image.data(), out.data());
    }

    @Test
    void noiseIsReducedByAClearMargin() {
        FloatImage[] images = smoothAndNoisy(128, 96, 1);
        double before = Measures.psnr(images[0], images[1]);
        double after = Measures.psnr(images[0], MedianFilter.median3x3(images[1]));
        assertTrue(after > before + 3, "PSNR " + before + " -> " + after);
    }
}
