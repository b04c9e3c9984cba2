package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

class AxialBlurPoolTest {

    private static Tensor random(int b, int c, int h, int w, long seed) {
        Random rnd = new Random(seed);
        Tensor t = new Tensor(b, c, h, w);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) rnd.nextGaussian();
        }
        return t;
    }

    @Test
    void withoutBlurItIsAveragePooling() {
        Tensor x = random(2, 1, 24, 5, 1);
        Tensor y = random(2, 1, 6, 5, 2);
        AxialBlurPool a = new AxialBlurPool(4, 0, 6);
        AveragePool p = new AveragePool(4, 1);
        assertEquals(0, Tensors.maxAbsDiff(a.apply(x), p.apply(x)), 1e-6);
        assertEquals(0, Tensors.maxAbsDiff(a.pseudoInverse(y), p.pseudoInverse(y)), 1e-5);
    }

    /** DDNM needs {@code A A+ = I} where nothing is truncated: the projection then satisfies {@code A x = y}. */
    @Test
    void aMildBlurIsInvertedExactlyAndTheProjectionIsConsistent() {
        for (double sigma : new double[] {0.5, 1}) {
            AxialBlurPool a = new AxialBlurPool(4, sigma, 8);
            Tensor y = random(1, 2, 8, 7, 3);
            assertEquals(0, Tensors.maxAbsDiff(a.apply(a.pseudoInverse(y)), y), 1e-5, "sigma " + sigma);
            Tensor x = random(1, 2, 32, 7, 4);
            Tensor projected = NullSpaceProjection.project(a, x, y, 1);
            assertEquals(0, Tensors.maxAbsDiff(a.apply(projected), y), 1e-5, "sigma " + sigma);
        }
    }

    /**
     * A strong blur (r = 2, sigma 4: the smallest singular value is 1/10^5 of the largest) is not inverted where it
     * left nothing: {@code A A+} is a projection (idempotent), and {@code A+} amplifies nothing by more than
     * 1 / KEEP over the pooling's own.
     */
    @Test
    void aStrongBlurIsInvertedOnlyWhereItLeftSomething() {
        AxialBlurPool a = new AxialBlurPool(2, 4, 12);
        Tensor y = random(1, 1, 12, 9, 5);
        Tensor once = a.apply(a.pseudoInverse(y));
        Tensor twice = a.apply(a.pseudoInverse(once));
        assertEquals(0, Tensors.maxAbsDiff(once, twice), 1e-4);
        assertTrue(Tensors.maxAbsDiff(once, y) > 0.1, "some components are left out");
        double gain = norm(a.pseudoInverse(y)) / norm(new AveragePool(2, 1).pseudoInverse(y));
        assertTrue(gain < 1 / AxialBlurPool.KEEP, "amplification " + gain);
    }

    @Test
    void jacobiFindsTheEigenvaluesOfASymmetricMatrix() {
        double[] m = {4, 1, 0, 1, 3, 1, 0, 1, 2};
        double[] vectors = new double[9];
        double[] values = AxialBlurPool.symmetricEigen(m, 3, vectors);
        java.util.Arrays.sort(values);
        // the characteristic polynomial of this matrix has roots 3 - sqrt(3), 3, 3 + sqrt(3)
        assertEquals(3 - Math.sqrt(3), values[0], 1e-12);
        assertEquals(3, values[1], 1e-12);
        assertEquals(3 + Math.sqrt(3), values[2], 1e-12);
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (float v : t.data()) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** A point in one thin section reaches the neighbouring thick slices, as the microscope's axial PSF does. */
    @Test
    void theBlurSpreadsAlongZOnlyAndKeepsTheSum() {
        Tensor x = new Tensor(1, 1, 24, 3);
        x.set(0, 0, 11, 1, 1);
        Tensor y = new AxialBlurPool(4, 2, 6).apply(x);
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += y.get(0, 0, i, 1) * 4;
            assertEquals(0, y.get(0, 0, i, 0), 0);
        }
        assertEquals(1, sum, 1e-6);
        assertTrue(y.get(0, 0, 3, 1) > 0.05, "spread into the next thick slice: " + y.get(0, 0, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new AxialBlurPool(4, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> new AxialBlurPool(4, 1, 4).apply(new Tensor(1, 1, 12, 3)));
    }
}
