package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDicTest {

    @Test
    void reliefIsBrightOnOneSideOfEachEdgeAndDarkOnTheOther() {
        FloatImage a = SyntheticDic.generate(128, 128, 1000);
        assertArrayEquals(a.data(), SyntheticDic.generate(128, 128, 1000).data(), "seeded");
        float[] sorted = a.data().clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        assertEquals(10000, median, 300, "a mid-gray ground");
        assertTrue(sorted[sorted.length / 100] < median - 1000, "dark edges: " + sorted[sorted.length / 100]);
        assertTrue(sorted[sorted.length * 99 / 100] > median + 1000, "bright edges: " + sorted[sorted.length * 99 / 100]);
        assertTrue(sorted[0] >= 0 && sorted[sorted.length - 1] <= 65535, "16-bit values");
    }

    @Test
    void theNoiseFreeImageIsTheCamerasExpectation() {
        for (boolean dic : new boolean[] {true, false}) {
            FloatImage noisy = dic ? SyntheticDic.generate(128, 128, 1001) : SyntheticFilaments.generate(128, 128, 1001);
            FloatImage clean = dic ? SyntheticDic.noiseFree(128, 128, 1001) : SyntheticFilaments.noiseFree(128, 128, 1001);
            double sum = 0;
            double squares = 0;
            double expected = 0; // Poisson variance (the value itself) plus the read noise's
            for (int i = 0; i < noisy.data().length; i++) {
                double d = noisy.data()[i] - clean.data()[i];
                sum += d;
                squares += d * d;
                expected += clean.data()[i];
            }
            int n = noisy.data().length;
            double variance = squares / n;
            double expectedVariance = expected / n + 6 * 6; // both have a read noise of 6 gray values
            assertEquals(0, sum / n, 4 * Math.sqrt(expectedVariance / n), "unbiased");
            assertEquals(expectedVariance, variance, 0.05 * expectedVariance, "the camera's noise, no more");
        }
    }
}
