package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void distanceTransformIsExact() {
        SplittableRandom r = new SplittableRandom(5);
        int w = 23;
        int h = 17;
        boolean[] f = new boolean[w * h];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextDouble() < 0.05;
        }
        double[] d = DistanceTransform.squared(f, w, h);
        for (int p = 0; p < f.length; p++) {
            double best = Double.MAX_VALUE;
            for (int q = 0; q < f.length; q++) {
                if (f[q]) {
                    double dx = p % w - q % w;
                    double dy = p / w - q / w;
                    best = Math.min(best, dx * dx + dy * dy);
                }
            }
            assertEquals(best, d[p], 1e-9, "pixel " + p);
        }
    }

    @Test
    void plainMaskGivesBinaryWeights() {
        Tensor fill = TaskFixtures.maskRowsFirst(10, 10, 3, 6, 2, 8);
        Tensor known = Masks.knownWeights(fill, 0, 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(1 - fill.data()[i], known.data()[i]);
        }
        assertEquals(18, Masks.changeable(known));
    }

    @Test
    void growAddsADiskOfPixels() {
        Tensor fill = new Tensor(1, 1, 11, 11);
        fill.set(0, 0, 5, 5, 1);
        Tensor known = Masks.knownWeights(fill, 2, 0);
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                double d2 = (i - 5) * (i - 5) + (j - 5) * (j - 5);
                assertEquals(d2 <= 4 ? 0f : 1f, known.get(0, 0, i, j), "pixel " + i + ", " + j);
            }
        }
    }

    @Test
    void featherRisesSmoothlyInsideTheArea() {
        Tensor fill = TaskFixtures.maskRowsFirst(1, 20, 0, 1, 5, 15);
        Tensor known = Masks.knownWeights(fill, 0, 4);
        float[] k = known.data();
        for (int j = 0; j < 5; j++) {
            assertEquals(1f, k[j]);
            assertEquals(1f, k[19 - j]);
        }
        for (int j = 5; j < 8; j++) {
            assertTrue(k[j] > k[j + 1] && k[j] < 1 && k[j] > 0, "pixel " + j + ": " + k[j]);
        }
        assertEquals(0f, k[9]);
        assertEquals(0f, k[10]);
        assertEquals(k[5], k[14], 1e-7);
    }

    @Test
    void rejectsNegativeDistances() {
        Tensor fill = new Tensor(1, 1, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Masks.knownWeights(fill, -1, 0));
        assertTrue(e.getMessage().contains("grow and feather"), e.getMessage());
    }
}
