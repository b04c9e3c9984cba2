package org.diffusionj.engine.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class PoissonGaussianNoiseTest {

    @Test
    void varianceIsAffineInTheMeanAndClampedBelowTheOffset() {
        PoissonGaussianNoise noise = new PoissonGaussianNoise(2, 100, 3);
        assertEquals(2 * 50 + 9, noise.variance(150), 1e-12);
        assertEquals(9, noise.variance(100), 1e-12);
        assertEquals(9, noise.variance(20), 1e-12);
        assertEquals(25, noise.photons(150), 1e-12);
        assertEquals(0, noise.photons(50), 1e-12);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(1, Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> new PoissonGaussianNoise(1, 0, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> PoissonGaussianNoise.poisson(-1, new SplittableRandom(1)));
    }

    /** Both samplers, on either side of the switch, give the Poisson mean and variance. */
    @Test
    void poissonCountsHaveTheRightMeanAndVariance() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (double lambda : new double[] {0.05, 1, 4.5, 9.99, 10, 17, 250, 1e5}) {
            int n = 200_000;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                long k = PoissonGaussianNoise.poisson(lambda, rnd);
                sum += k;
                sq += (double) k * k;
            }
            double mean = sum / n;
            double var = sq / n - mean * mean;
            assertEquals(lambda, mean, 5 * Math.sqrt(lambda / n), "mean at " + lambda);
            // The variance of a sample variance is about 2 lambda^2 / n (plus lambda / n).
            assertEquals(lambda, var, 5 * Math.sqrt((2 * lambda * lambda + lambda) / n), "variance at " + lambda);
        }
    }

    /** PTRS must reproduce the whole distribution, not only its moments: a chi-square test at lambda 20. */
    @Test
    void transformedRejectionMatchesThePoissonDistribution() {
        double lambda = 20;
        int n = 400_000;
        int[] counts = new int[80];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            counts[(int) Math.min(counts.length - 1, PoissonGaussianNoise.poisson(lambda, rnd))]++;
        }
        double chi2 = 0;
        int cells = 0;
        for (int k = 5; k <= 40; k++) {
            double p = Math.exp(-lambda + k * Math.log(lambda) - PoissonGaussianNoise.logFactorial(k));
            double expected = n * p;
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
            cells++;
        }
        // 36 cells: the 99.9 % point of chi-square is about 67.
        assertTrue(chi2 < 67, "chi-square " + chi2 + " over " + cells + " cells");
    }

    @Test
    void logFactorialIsExactAcrossTheTableEdge() {
        double sum = 0;
        for (int k = 1; k <= 300; k++) {
            sum += Math.log(k);
            assertEquals(sum, PoissonGaussianNoise.logFactorial(k), 1e-9 * Math.max(1, sum), "k = " + k);
        }
        assertEquals(0, PoissonGaussianNoise.logFactorial(0), 0);
    }

    @Test
    void noisyDataFollowTheModel() {
        PoissonGaussianNoise noise = new PoissonGaussianNoise(2.5, 100, 4);
        SplittableRandom rnd = new SplittableRandom(5);
        for (double clean : new double[] {60, 100, 102.5, 125, 1100}) {
            float[] values = new float[200_000];
            java.util.Arrays.fill(values, (float) clean);
            float[] noisy = noise.apply(values, rnd);
            double sum = 0;
            double sq = 0;
            for (float v : noisy) {
                sum += v;
                sq += (double) v * v;
            }
            double mean = sum / noisy.length;
            double var = sq / noisy.length - mean * mean;
            double expectedMean = Math.max(clean, 100);
            double sd = Math.sqrt(noise.variance(clean));
            assertEquals(expectedMean, mean, 5 * sd / Math.sqrt(noisy.length), "mean at " + clean);
            assertEquals(noise.variance(clean), var, 0.02 * noise.variance(clean), "variance at " + clean);
        }
    }

    @Test
    void tensorsKeepTheirShapeAndAreNotChanged() {
        Tensor clean = new Tensor(new float[] {10, 20, 30, 40, 50, 60}, 1, 1, 2, 3);
        Tensor noisy = PoissonGaussianNoise.poisson(1).apply(clean, new SplittableRandom(1));
        assertEquals(2, noisy.height());
        assertEquals(3, noisy.width());
        assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60}, clean.data());
        for (float v : noisy.data()) {
            assertEquals(Math.rint(v), v, 0, "pure Poisson data of gain 1 are whole counts");
        }
    }

    /** Gain 0 is Gaussian noise alone: no photons, the read noise around the value itself. */
    @Test
    void gaussianNoiseAlone() {
        PoissonGaussianNoise noise = PoissonGaussianNoise.gaussian(3);
        assertTrue(noise.gaussianOnly());
        assertEquals(9, noise.variance(1234), 1e-12);
        assertEquals(0, noise.photons(1234), 0);
        SplittableRandom rnd = new SplittableRandom(9);
        double sum = 0;
        double sq = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            double v = noise.sample(50, rnd);
            sum += v;
            sq += v * v;
        }
        assertEquals(50, sum / n, 0.1);
        assertEquals(9, sq / n - (sum / n) * (sum / n), 0.3);
    }
}
