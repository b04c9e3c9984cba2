package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NonLocalMeansTest {

    @Test
    void noiseIsReducedByAClearMarginAndMoreThanByTheMedian() {
        FloatImage[] images = MedianFilterTest.smoothAndNoisy(128, 96, 2);
        double before = Measures.psnr(images[0], images[1]);
        double nlm = Measures.psnr(images[0], NonLocalMeans.denoise(images[1], 10));
        double median = Measures.psnr(images[0], MedianFilter.median3x3(images[1]));
        assertTrue(nlm > before + 6, "PSNR " + before + " -> " + nlm);
        assertTrue(nlm > median, "non-local means " + nlm + " vs median " + median);
    }

    /** The running patch sums must give what the definition gives, pixel by pixel. */
    @Test
    void matchesTheDirectDefinition() {
        FloatImage image = FloatImage.zeros(13, 11, 2);
        Random rnd = new Random(3);
        for (int i = 0; i < image.data().length; i++) {
            image.data()[i] = (float) (50 + 20 * rnd.nextGaussian());
        }
        double sigma = 20;
        int pr = 2;
        int sr = 4;
        double h = 0.4 * sigma;
        FloatImage fast = NonLocalMeans.denoise(image, sigma, pr, sr, h);
        int pad = pr + sr;
        float[][] p = {NonLocalMeans.mirror(image, 0, pad), NonLocalMeans.mirror(image, 1, pad)};
        int pw = image.width() + 2 * pad;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double weights = 0;
                double[] sums = new double[2];
                for (int oy = -sr; oy <= sr; oy++) {
                    for (int ox = -sr; ox <= sr; ox++) {
                        double d2 = 0;
                        for (int c = 0; c < 2; c++) {
                            for (int dy = -pr; dy <= pr; dy++) {
                                for (int dx = -pr; dx <= pr; dx++) {
                                    double t = p[c][(y + pad + dy) * pw + x + pad + dx]
                                            - p[c][(y + pad + oy + dy) * pw + x + pad + ox + dx];
                                    d2 += t * t;
                                }
                            }
                        }
                        d2 /= 2 * (2 * pr + 1) * (2 * pr + 1);
                        double w = Math.exp(-Math.max(d2 - 2 * sigma * sigma, 0) / (h * h));
                        weights += w;
                        for (int c = 0; c < 2; c++) {
                            sums[c] += w * p[c][(y + pad + oy) * pw + x + pad + ox];
                        }
                    }
                }
                for (int c = 0; c < 2; c++) {
                    assertEquals(sums[c] / weights, fast.get(x, y, c), 1e-3, "(" + x + ", " + y + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void mirroringRepeatsNoEdgePixel() {
        FloatImage row = new FloatImage(new float[] {1, 2, 3}, 3, 1, 1);
        float[] padded = NonLocalMeans.mirror(row, 0, 2);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1}, java.util.Arrays.copyOfRange(padded, 2 * 7, 3 * 7));
    }

    @Test
    void aConstantImageStaysConstant() {
        FloatImage image = FloatImage.zeros(20, 20, 1);
        java.util.Arrays.fill(image.data(), 42);
        for (float v : NonLocalMeans.denoise(image, 5).data()) {
            assertEquals(42, v, 1e-4);
        }
    }

    @Test
    void badParametersAreRefused() {
        FloatImage image = FloatImage.zeros(8, 8, 1);
        assertThrows(IllegalArgumentException.class, () -> NonLocalMeans.denoise(image, -1));
        assertThrows(IllegalArgumentException.class, () -> NonLocalMeans.denoise(image, 0));
        assertThrows(IllegalArgumentException.class, () -> NonLocalMeans.denoise(image, 1, -1, 3, 1));
    }
}
