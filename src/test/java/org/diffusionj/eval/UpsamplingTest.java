package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UpsamplingTest {

    @Test
    void nearestRepeatsEachPixelAndPoolsBackExactly() {
        FloatImage low = new FloatImage(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
        for (int s : new int[] {2, 4}) {
            FloatImage big = Upsampling.nearest(low, s);
            assertEquals(2 * s, big.width());
            assertEquals(3, big.channels());
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 2 * s; y++) {
                    for (int x = 0; x < 2 * s; x++) {
                        assertEquals(low.get(x / s, y / s, c), big.get(x, y, c));
                    }
                }
            }
            assertEquals(0, Measures.relativeRms(Degradations.averagePool(big, s), low, 1), 1e-7);
        }
    }

    @Test
    void bicubicKeepsAConstantAndInterpolatesBetweenPixels() {
        FloatImage flat = FloatImage.zeros(8, 8, 1);
        Arrays.fill(flat.data(), 42);
        FloatImage big = Upsampling.bicubic(flat, 4);
        for (float v : big.data()) {
            assertEquals(42, v, 1e-4);
        }
        FloatImage ramp = FloatImage.zeros(8, 8, 1);
        for (int i = 0; i < 64; i++) {
            ramp.data()[i] = 10 * (i % 8);
        }
        FloatImage up = Upsampling.bicubic(ramp, 2);
        // between two low pixels of 30 and 40 the interpolation lies strictly inside
        assertEquals(16, up.width());
        float mid = up.get(7, 8, 0);
        assertEquals(true, mid > 30 && mid < 40, "got " + mid);
    }
}
