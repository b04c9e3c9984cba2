package org.diffusionj.engine.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneralizedAnscombeTest {

    @Test
    void forwardIsTheFormOfMakitaloAndFoi() {
        double a = 2.5;
        double mu = 100;
        double sigma = 4;
        GeneralizedAnscombe gat = new GeneralizedAnscombe(new PoissonGaussianNoise(a, mu, sigma));
        for (double z : new double[] {80, 100, 137.3, 4000}) {
            double expected = 2 / a * Math.sqrt(Math.max(a * z + 3.0 / 8 * a * a + sigma * sigma - a * mu, 0));
            assertEquals(expected, gat.forward(z), 1e-12);
        }
        assertEquals(0, gat.forward(-1000), 0, "clipped at zero");
        assertEquals(1234, gat.algebraicInverse(gat.forward(1234)), 1e-9, "the algebraic inverse undoes f");
    }

    /** The stabilised noise has unit variance once there are a few photons. */
    @Test
    void stabilisedNoiseHasUnitVariance() {
        PoissonGaussianNoise noise = new PoissonGaussianNoise(2, 10, 3);
        GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
        SplittableRandom rnd = new SplittableRandom(2);
        for (double photons : new double[] {5, 30, 500}) {
            double y = 10 + 2 * photons;
            int n = 200_000;
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double d = gat.forward(noise.sample(y, rnd));
                sum += d;
                sq += d * d;
            }
            double var = sq / n - (sum / n) * (sum / n);
            assertEquals(1, var, 0.05, "variance at " + photons + " photons");
        }
    }

    /** For pure Poisson data the numerical exact inverse agrees with the closed form of Makitalo and Foi 2011. */
    @Test
    void poissonInverseAgreesWithTheClosedForm() {
        GeneralizedAnscombe gat = new GeneralizedAnscombe(PoissonGaussianNoise.poisson(1));
        double worst = 0;
        for (double y = 0.5; y < 2000; y *= 1.1) {
            double d = gat.expectedForward(y);
            worst = Math.max(worst, Math.abs(GeneralizedAnscombe.closedFormPoissonInverse(d) - y));
            assertEquals(y, gat.inverse(d), 1e-3 * Math.max(1, y), "round trip at " + y);
        }
        assertTrue(worst < 0.02, "closed form differs by " + worst);
    }

    @Test
    void roundTripsThroughTheExpectation() {
        for (PoissonGaussianNoise noise : new PoissonGaussianNoise[] {new PoissonGaussianNoise(2, 100, 3),
                new PoissonGaussianNoise(0.5, -20, 0.1), new PoissonGaussianNoise(1, 0, 400)}) {
            GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
            for (double photons : new double[] {0, 0.01, 0.3, 1, 2, 7, 40, 999, 1001, 5000}) {
                double y = noise.offset() + noise.gain() * photons;
                assertEquals(y, gat.inverse(gat.expectedForward(y)), 2e-3 * noise.gain() * Math.max(1, photons),
                        noise + " at " + photons + " photons");
            }
            double floor = gat.expectedForward(noise.offset());
            if (noise.readSigma() / noise.gain() > GeneralizedAnscombe.ASYMPTOTIC_SIGMA) {
                // Gaussian in all but name: below the offset's expectation is below the offset, by about sigma / 2
                assertEquals(noise.offset() - 0.5 * noise.readSigma(), gat.inverse(floor - 0.5),
                        1e-3 * noise.readSigma(), "below the offset, as with gain 0");
            } else {
                assertEquals(noise.offset(), gat.inverse(floor - 0.5), 0, "below E[f | offset]: no photons");
                assertEquals(noise.offset(), gat.inverse(0), 0);
            }
        }
    }

    /**
     * The exact unbiased inverse of the mean of many transformed draws recovers the noise-free value, at low
     * counts too, where the algebraic inverse is clearly biased.
     */
    @Test
    void inverseOfTheMeanOfTransformedDrawsIsUnbiased() {
        double[][] cases = { // gain, read noise (data units), photons
            {1, 0, 1}, {1, 0, 3}, {1, 0, 5}, {2, 3, 1}, {2, 3, 2}, {0.5, 0.75, 1}, {0.5, 0.75, 4}, {4, 2, 2},
            {3, 1, 60},
        };
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 400_000;
        for (double[] c : cases) {
            PoissonGaussianNoise noise = new PoissonGaussianNoise(c[0], 100, c[1]);
            GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
            double y = 100 + c[0] * c[2];
            double mean = meanTransformed(gat, noise, y, n, rnd);
            double errorPhotons = (gat.inverse(mean) - y) / c[0];
            double algebraicPhotons = (gat.algebraicInverse(mean) - y) / c[0];
            String label = "gain " + c[0] + ", read noise " + c[1] + ", " + c[2] + " photons";
            assertEquals(0, errorPhotons, 0.02, label);
            if (c[2] <= 5) {
                assertTrue(Math.abs(algebraicPhotons) > 0.1 && Math.abs(algebraicPhotons) > 5 * Math.abs(errorPhotons),
                        label + ": algebraic bias " + algebraicPhotons + " vs " + errorPhotons);
            }
        }
    }

    /**
     * Beyond the table (bright data, or read noise above {@value GeneralizedAnscombe#ASYMPTOTIC_SIGMA} photons)
     * the expectation is the asymptotic form's: it agrees with the mean of many transformed draws to within their
     * own sampling error, and round-trips through the inverse exactly.
     */
    @Test
    void expectationBeyondTheTableAgreesWithTransformedDraws() {
        double[][] cases = { // gain, read noise (data units), photons
            {1, 2, 1500}, {2, 0, 20000}, {0.01, 4, 30}, {0.01, 4, 0}, {0.01, 4, -100},
        };
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_000;
        for (double[] c : cases) {
            PoissonGaussianNoise noise = new PoissonGaussianNoise(c[0], 100, c[1]);
            GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
            double y = 100 + c[0] * c[2];
            String label = "gain " + c[0] + ", read noise " + c[1] + ", " + c[2] + " photons";
            // unit variance: the mean of n draws is off by about 1 / sqrt(n)
            assertEquals(meanTransformed(gat, noise, y, n, rnd), gat.expectedForward(y), 4 / Math.sqrt(n), label);
            assertEquals(y, gat.inverse(gat.expectedForward(y)), 1e-9 * Math.max(1, Math.abs(y)), label);
        }
    }

    /** The mean of f over n noisy values of y (below the offset: y plus read noise alone, as with gain 0). */
    private static double meanTransformed(GeneralizedAnscombe gat, PoissonGaussianNoise noise, double y, int n,
            SplittableRandom rnd) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gat.forward(y < noise.offset() ? y + noise.readSigma() * rnd.nextGaussian() : noise.sample(y, rnd));
        }
        return sum / n;
    }

    @Test
    void nullModelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GeneralizedAnscombe(null));
    }

    /** Gaussian noise alone (gain 0): the transformation standardises, and its inverse is exact. */
    @Test
    void gaussianNoiseAloneIsStandardised() {
        GeneralizedAnscombe gat = new GeneralizedAnscombe(new PoissonGaussianNoise(0, 100, 4));
        assertEquals(0, gat.forward(100), 1e-12);
        assertEquals(2.5, gat.forward(110), 1e-12);
        assertEquals(-25, gat.forward(0), 1e-12, "no clipping: Gaussian values go below the offset");
        for (double y : new double[] {-50, 100, 333.3}) {
            assertEquals(y, gat.inverse(gat.expectedForward(y)), 1e-9);
            assertEquals(y, gat.inverse(gat.forward(y)), 1e-9);
        }
        assertEquals(1, stabilisedSd(gat, PoissonGaussianNoise.gaussian(4), 250), 0.02);
    }

    /**
     * A gain so small that the read noise is 50 million photons (what a fit to Gaussian-like data can return):
     * {@code f} is about 2 s = 1e8 plus the signal's part, which a float could not hold; the transformation keeps
     * the part (shifted by that constant) and stays a unit-noise standardisation.
     */
    @Test
    void aTinyGainKeepsTheSignalInFloats() {
        PoissonGaussianNoise noise = new PoissonGaussianNoise(1e-7, 0, 5);
        GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
        float[] f = gat.forward(new float[] {200, 205, 300});
        assertEquals(1, f[1] - f[0], 1e-3, "one read-noise SD apart");
        assertEquals(20, f[2] - f[0], 1e-2);
        float[] back = gat.inverse(f);
        assertEquals(200, back[0], 1e-2);
        assertEquals(300, back[2], 1e-2);
        assertEquals(300, gat.algebraicInverse(gat.forward(300.0)), 1e-6);
        assertEquals(-50, gat.inverse(gat.forward(-50.0)), 1e-3, "below the offset: not clipped, as with gain 0");
        assertEquals(1, stabilisedSd(gat, noise, 250), 0.02);
    }

    /** The SD of the transformed draws of a value, over 20000 draws. */
    private static double stabilisedSd(GeneralizedAnscombe gat, PoissonGaussianNoise noise, double value) {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 20000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double f = (float) gat.forward(noise.sample(value, rnd));
            sum += f;
            sq += f * f;
        }
        double mean = sum / n;
        return Math.sqrt(sq / n - mean * mean);
    }
}
