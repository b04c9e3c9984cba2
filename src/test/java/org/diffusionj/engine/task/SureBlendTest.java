package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

class SureBlendTest {

    private static final int SIDE = 128;
    private static final double SIGMA = 0.2;
    private static final double EPS = 0.05 * SIGMA;

    /** A smooth image: two broad Gaussian blobs on a ramp, in [-1, 1]. */
    private static Tensor smooth() {
        Tensor t = new Tensor(1, 1, SIDE, SIDE);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double a = Math.exp(-((x - 40) * (x - 40) + (y - 50) * (y - 50)) / 400.0);
                double b = Math.exp(-((x - 90) * (x - 90) + (y - 80) * (y - 80)) / 250.0);
                t.set(0, 0, y, x, (float) (-0.8 + 0.4 * x / SIDE + 1.2 * a + 0.9 * b));
            }
        }
        return t;
    }

    private static double mse(Tensor a, Tensor b) {
        double rms = TaskFixtures.rms(a, b);
        return rms * rms;
    }

    private static Tensor noisy(Tensor truth, long seed) {
        return Tensors.add(truth, Tensors.scale(SIGMA, new GaussianNoise(seed).nextLike(truth)));
    }

    private static Tensor probe() {
        return new GaussianNoise(99).next(1, 1, SIDE, SIDE);
    }

    /** An estimate that is the truth itself (it ignores y: divergence 0) is kept whole; no blur comes near it. */
    @Test
    void anExactEstimateIsKept() {
        Tensor truth = smooth();
        Tensor y = noisy(truth, 1);
        SureBlend.Choice c = SureBlend.choose(y, truth, truth, probe(), EPS, SIGMA, null);
        assertEquals(1, c.weight(), 0.02, "weight of the exact estimate");
        assertEquals(0, c.diffusionRisk(), 0.1 * SIGMA * SIGMA, "its estimated error is about 0");
        assertTrue(mse(c.estimate(), truth) < 1e-4 * SIGMA * SIGMA, "the result is the exact estimate");
    }

    /**
     * An estimate that paints texture on a smooth image (the truth plus a pattern of SD sigma / 2 that does not
     * depend on y) loses to a blur: the risk estimates track the true errors, the blend takes mostly the blur,
     * and the result's true error is below both the estimate's and, within a tenth, the best blur's.
     */
    @Test
    void aTexturedEstimateOfASmoothImageLosesToABlur() {
        Tensor truth = smooth();
        Tensor y = noisy(truth, 2);
        Tensor textured = Tensors.add(truth, Tensors.scale(SIGMA / 2, new GaussianNoise(7).nextLike(truth)));
        SureBlend.Choice c = SureBlend.choose(y, textured, textured, probe(), EPS, SIGMA, null);
        double trueF = mse(textured, truth);
        assertEquals(trueF, c.diffusionRisk(), 0.1 * trueF, "the estimate's risk");
        double bestBlur = Double.POSITIVE_INFINITY;
        for (double s : SureBlend.BLUR_SIGMAS) {
            bestBlur = Math.min(bestBlur, mse(GaussianKernel.blurPlanes(y,
                    GaussianKernel.weights(s, (int) Math.ceil(3 * s))), truth));
        }
        double result = mse(c.estimate(), truth);
        assertTrue(c.weight() < 0.5, "mostly the blur: weight " + c.weight());
        assertTrue(result < trueF, "blend " + result + " vs the estimate's " + trueF);
        assertTrue(result < 1.1 * bestBlur, "blend " + result + " vs the best blur's " + bestBlur);
        assertEquals(result, c.risk(), 0.3 * result + 1e-4, "the blend's risk tracks its true error");
    }

    /**
     * The Monte-Carlo divergence of a linear estimate (a blur of y, probed like the diffusion estimate) is its
     * trace: its risk equals the same blur's closed-form one within the one probe's spread (about 8 % here:
     * {@code 2 sigma^2 sqrt(2 |A|_F^2) / N}), and the closed form tracks the true error (SURE's own spread).
     */
    @Test
    void theProbedDivergenceOfALinearEstimateIsItsTrace() {
        Tensor truth = smooth();
        Tensor y = noisy(truth, 3);
        double[] k = SureBlend.kernel(1);
        Tensor probe = probe();
        Tensor f = GaussianKernel.blurPlanes(y, k);
        Tensor probed = GaussianKernel.blurPlanes(Tensors.add(y, Tensors.scale(EPS, probe)), k);
        SureBlend.Choice c = SureBlend.choose(y, f, probed, probe, EPS, SIGMA, null);
        double closed = SureBlend.blurRisk(y, 1, SIGMA);
        assertEquals(closed, c.diffusionRisk(), 0.25 * closed, "probed vs closed-form risk of the same blur");
        double trueF = mse(f, truth);
        assertEquals(trueF, closed, 0.2 * trueF, "closed-form risk vs the true error");
    }

    /** With a mask the sums run over the pixels that may change; a mask that allows none is refused. */
    @Test
    void onlyTheChangingPixelsCountAndNoneIsRefused() {
        Tensor truth = smooth();
        Tensor y = noisy(truth, 4);
        Tensor none = new Tensor(1, 1, SIDE, SIDE);
        assertThrows(IllegalArgumentException.class,
                () -> SureBlend.choose(y, truth, truth, probe(), EPS, SIGMA, none));
        // the exact estimate inside the left half only: its risk there is about 0, the right half does not count
        Tensor left = new Tensor(1, 1, SIDE, SIDE);
        Tensor mixed = y.copy();
        for (int r = 0; r < SIDE; r++) {
            for (int x = 0; x < SIDE / 2; x++) {
                left.set(0, 0, r, x, 1f);
                mixed.set(0, 0, r, x, truth.get(0, 0, r, x));
            }
        }
        SureBlend.Choice c = SureBlend.choose(y, mixed, mixed, probe(), EPS, SIGMA, left);
        assertEquals(0, c.diffusionRisk(), 0.1 * SIGMA * SIGMA, "risk inside the changing half");
    }

    /** The blur's divergence per pixel is the diagonal of its matrix, measured here with impulses, edges included. */
    @Test
    void theBlurDiagonalIsWhatAnImpulseKeeps() {
        double[] k = SureBlend.kernel(3); // radius 9: wider than the 5 x 4 image, folded back at both edges
        double[] dx = SureBlend.selfWeights(k, 5);
        double[] dy = SureBlend.selfWeights(k, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                Tensor impulse = new Tensor(1, 1, 4, 5);
                impulse.set(0, 0, y, x, 1f);
                float kept = GaussianKernel.blurPlanes(impulse, k).get(0, 0, y, x);
                assertEquals(kept, dx[x] * dy[y], 1e-6, "diagonal at " + x + "," + y);
            }
        }
    }
}
