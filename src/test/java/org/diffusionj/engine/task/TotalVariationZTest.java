package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.junit.jupiter.api.Test;

class TotalVariationZTest {

    /** The prox by projected gradient on the dual: u = y - D^T p, |p| <= lambda (slow, plainly right). */
    private static double[] bruteForce(double[] y, double lambda) {
        int n = y.length;
        double[] p = new double[n - 1];
        double[] u = y.clone();
        for (int it = 0; it < 200_000; it++) {
            for (int i = 0; i < n; i++) {
                double dtp = (i > 0 ? p[i - 1] : 0) - (i < n - 1 ? p[i] : 0);
                u[i] = y[i] - dtp;
            }
            for (int i = 0; i < n - 1; i++) {
                p[i] = Math.max(-lambda, Math.min(lambda, p[i] + 0.25 * (u[i + 1] - u[i])));
            }
        }
        return u;
    }

    private static double[] condat(double[] y, double lambda) {
        double[] out = new double[y.length];
        TotalVariationZ.denoise(y, out, lambda);
        return out;
    }

    @Test
    void matchesTheDualSolutionOnRandomLines() {
        Random r = new Random(3);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + r.nextInt(9);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextGaussian();
            }
            double lambda = r.nextDouble() * 1.2;
            assertArrayEquals(bruteForce(y, lambda), condat(y, lambda), 1e-6, "n " + n + " lambda " + lambda);
        }
    }

    @Test
    void twoLevelStepShrinksByLambdaOverRunLengths() {
        // runs of 3 and 2 slices: the step shrinks by lambda (1/3 + 1/2), the means move towards each other
        double[] y = {0, 0, 0, 1, 1};
        double lambda = 0.3;
        double[] u = condat(y, lambda);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.85, 0.85}, u, 1e-12);
        // a large weight flattens it to the mean
        assertArrayEquals(new double[] {0.4, 0.4, 0.4, 0.4, 0.4}, condat(y, 10), 1e-12);
    }

    @Test
    void isolatedSpikeShrinksByTwiceLambdaAndAnEndSliceByLambda() {
        // the spike moves down by 2 lambda, each run of two zeros beside it up by lambda / 2
        double[] u = condat(new double[] {0, 0, 1, 0, 0}, 0.1);
        assertArrayEquals(new double[] {0.05, 0.05, 0.8, 0.05, 0.05}, u, 1e-12);
        // no wrap-around: the last slice has one neighbour
        double[] v = condat(new double[] {0, 0, 0, 0, 1}, 0.1);
        assertEquals(0.9, v[4], 1e-12);
        assertEquals(0.025, v[0], 1e-12);
    }

    @Test
    void zeroWeightIsTheIdentityAndConstantsAndMeansAreKept() {
        Random r = new Random(5);
        Tensor x = new Tensor(6, 2, 3, 4);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        assertArrayEquals(x.data(), TotalVariationZ.prox(x, 0).data());
        Tensor u = TotalVariationZ.prox(x, 0.3);
        int item = x.itemSize();
        for (int i = 0; i < item; i++) {
            double a = 0;
            double b = 0;
            for (int z = 0; z < 6; z++) {
                a += x.data()[z * item + i];
                b += u.data()[z * item + i];
            }
            assertEquals(a, b, 1e-4, "the mean along z is kept");
        }
        Tensor flat = new Tensor(5, 1, 2, 2);
        java.util.Arrays.fill(flat.data(), 0.7f);
        assertArrayEquals(flat.data(), TotalVariationZ.prox(flat, 0.5).data());
        Tensor single = new Tensor(1, 1, 2, 2);
        single.data()[0] = 3;
        assertArrayEquals(single.data(), TotalVariationZ.prox(single, 1).data());
    }

    @Test
    void hookRewritesX0AlongTheBatchAndRejectsBadWeights() {
        Tensor x0 = new Tensor(new float[] {0, 0, 1, 0, 0}, 5, 1, 1, 1);
        Prediction p = new TotalVariationZ(0.1).apply(new Prediction(x0, x0.zerosLike()), 0, x0);
        assertEquals(0.8, p.x0().data()[2], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new TotalVariationZ(-1));
        assertThrows(IllegalArgumentException.class, () -> new TotalVariationZ(Double.NaN));
    }
}
