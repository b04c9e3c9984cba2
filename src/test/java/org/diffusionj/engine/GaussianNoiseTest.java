package org.diffusionj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

    @Test
    void aSeedFixesTheStream() {
        assertArrayEquals(new GaussianNoise(7).next(2, 3, 4, 5).data(), new GaussianNoise(7).next(2, 3, 4, 5).data());
        assertFalse(Arrays.equals(new GaussianNoise(7).next(1, 1, 4, 4).data(),
                new GaussianNoise(8).next(1, 1, 4, 4).data()));
    }

    @Test
    void theAntitheticStreamIsTheStreamNegated() {
        float[] plain = new GaussianNoise(7).next(1, 1, 5, 5).data();
        float[] twin = GaussianNoise.antithetic(7).next(1, 1, 5, 5).data();
        for (int i = 0; i < plain.length; i++) {
            assertEquals(-plain[i], twin[i], 0f);
        }
    }

    @Test
    void streamIsPinnedAcrossMachines() {
        // SplittableRandom and StrictMath are specified bit for bit; these values must never change.
        float[] v = new float[4];
        new GaussianNoise(0).fill(v);
        assertArrayEquals(GOLDEN_SEED_0, v);
    }

    private static final float[] GOLDEN_SEED_0 = {-1.8839084f, 0.86450684f, 0.22760794f, -0.042112686f};

    @Test
    void oddLengthsDiscardTheSpareValue() {
        GaussianNoise noise = new GaussianNoise(0);
        float[] odd = new float[3];
        noise.fill(odd);
        float[] next = new float[2];
        noise.fill(next);
        assertArrayEquals(Arrays.copyOf(GOLDEN_SEED_0, 3), odd);
        float[] reference = new float[6];
        new GaussianNoise(0).fill(reference);
        assertArrayEquals(Arrays.copyOfRange(reference, 4, 6), next);
    }

    @Test
    void valuesAreStandardNormal() {
        float[] v = new float[200_001];
        new GaussianNoise(1).fill(v);
        double sum = 0;
        double sq = 0;
        for (float f : v) {
            sum += f;
            sq += f * f;
        }
        double mean = sum / v.length;
        assertEquals(0, mean, 0.01);
        assertEquals(1, sq / v.length - mean * mean, 0.01);
    }
}
