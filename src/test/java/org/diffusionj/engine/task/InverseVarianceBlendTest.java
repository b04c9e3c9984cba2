package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class InverseVarianceBlendTest {

    private static final int N = 32;

    /** A vertical dead column at x = 15 and 16. */
    private static boolean[] deadColumns() {
        boolean[] hole = new boolean[N * N];
        for (int y = 0; y < N; y++) {
            hole[y * N + 15] = true;
            hole[y * N + 16] = true;
        }
        return hole;
    }

    /** Known weights for a hole: 0 inside, 1 outside. */
    private static Tensor weights(boolean[] hole) {
        Tensor k = new Tensor(1, 1, N, N);
        for (int i = 0; i < hole.length; i++) {
            k.data()[i] = hole[i] ? 0 : 1;
        }
        return k;
    }

    private static Tensor smooth() {
        Tensor t = new Tensor(1, 1, N, N);
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                t.set(0, 0, y, x, 100 + 2 * x);
            }
        }
        return t;
    }

    /** Independent pixel values: nothing a smooth fill can predict. */
    private static Tensor textured(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = new Tensor(1, 1, N, N);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) (100 + 20 * r.nextGaussian());
        }
        return t;
    }

    private static Tensor plusNoise(Tensor t, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor out = t.copy();
        for (int i = 0; i < out.size(); i++) {
            out.data()[i] += (float) (sd * r.nextGaussian());
        }
        return out;
    }

    private static double mseInside(Tensor a, Tensor b, boolean[] hole) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < hole.length; i++) {
            if (hole[i]) {
                double d = a.data()[i] - b.data()[i];
                s += d * d;
                n++;
            }
        }
        return s / n;
    }

    /** The dead columns of {@code truth} filled, and {@code mean} with a spread of {@code sd} weighed against it. */
    private static InverseVarianceBlend.Blend blend(Tensor truth, Tensor mean, float sd, int samples) {
        boolean[] hole = deadColumns();
        return InverseVarianceBlend.combine(truth, weights(hole), HarmonicFill.fill(truth, hole).image(), mean,
                Tensors.full(truth.zerosLike(), sd), samples);
    }

    @Test
    void onASmoothImageANoisyMeanDefersToTheFill() {
        Tensor truth = smooth();
        boolean[] hole = deadColumns();
        Tensor mean = plusNoise(truth, 5, 1);
        InverseVarianceBlend.Blend b = blend(truth, mean, 10, 4);
        assertTrue(b.fillWeight() > 0.99, "the fill is exact on a ramp: weight " + b.fillWeight());
        assertTrue(mseInside(b.image(), truth, hole) < 0.01 * mseInside(mean, truth, hole));
    }

    @Test
    void onATexturedImageAConfidentMeanCarriesTheResult() {
        Tensor truth = textured(3);
        boolean[] hole = deadColumns();
        Tensor mean = plusNoise(truth, 2, 4);
        InverseVarianceBlend.Blend b = blend(truth, mean, 2, 4);
        Tensor fill = HarmonicFill.fill(truth, hole).image();
        assertTrue(b.fillWeight() < 0.05, "the fill misses independent pixels: weight " + b.fillWeight());
        assertTrue(mseInside(b.image(), truth, hole) < mseInside(fill, truth, hole));
        for (int i = 0; i < hole.length; i++) {
            if (!hole[i]) {
                assertEquals(mean.data()[i], b.image().data()[i], "outside the hole the mean is kept");
            }
        }
    }

    @Test
    void theWeightIsTheDrawsVarianceOverBoth() {
        Tensor truth = textured(8);
        boolean[] hole = deadColumns();
        Tensor mean = plusNoise(truth, 3, 9);
        InverseVarianceBlend.Blend b = blend(truth, mean, 12, 3);
        Tensor fill = HarmonicFill.fill(truth, hole).image();
        double drawsVariance = 144 * (1 + 1 / 3.0);
        double fillVariance = InverseVarianceBlend.fillErrorBesideTheHole(truth, hole);
        assertEquals(drawsVariance / (fillVariance + drawsVariance), b.fillWeight(), 1e-12);
        for (int i = 0; i < hole.length; i++) {
            double expected = hole[i] ? b.fillWeight() * fill.data()[i] + (1 - b.fillWeight()) * mean.data()[i]
                    : mean.data()[i];
            assertEquals(expected, b.image().data()[i], 1e-3);
        }
    }

    @Test
    void aHoleAtTheEdgeIsNotComparedWithACopyInside() {
        // the first column has a reflecting border on its left; a copy moved inwards would not
        boolean[] firstColumn = new boolean[N * N];
        for (int y = 0; y < N; y++) {
            firstColumn[y * N] = true;
        }
        assertTrue(Double.isNaN(InverseVarianceBlend.fillErrorBesideTheHole(textured(6), firstColumn)));
        Tensor mean = textured(7);
        InverseVarianceBlend.Blend b = InverseVarianceBlend.combine(textured(6), weights(firstColumn), smooth(),
                mean, Tensors.full(mean.zerosLike(), 1), 2);
        assertSame(mean, b.image(), "nothing measured: the draws' mean as it is");
    }

    @Test
    void theFillErrorIsMeasuredBesideTheHoleNotInIt() {
        // a smooth image whose hole holds garbage: the measured error stays that of the smooth neighbourhood
        Tensor img = smooth();
        boolean[] hole = deadColumns();
        for (int y = 0; y < N; y++) {
            img.set(0, 0, y, 15, 1e6f);
        }
        assertEquals(0, InverseVarianceBlend.fillErrorBesideTheHole(img, hole), 1e-6);
        double noisy = InverseVarianceBlend.fillErrorBesideTheHole(textured(5), hole);
        assertTrue(noisy > 100 && noisy < 2000, "independent pixels of SD 20, interpolated: " + noisy);
    }

    @Test
    void crossingLinesStillCountAsThin() {
        boolean[] cross = deadColumns();
        for (int x = 0; x < N; x++) {
            cross[20 * N + x] = true;
        }
        assertEquals(2, InverseVarianceBlend.reach(cross, N, N), "where they cross the nearest known pixel is diagonal");
        boolean[] square = new boolean[N * N];
        for (int y = 4; y < 16; y++) {
            for (int x = 4; x < 16; x++) {
                square[y * N + x] = true;
            }
        }
        assertEquals(6, InverseVarianceBlend.reach(square, N, N));
        // small, not 0: where the moved row meets the left and right edges the reflecting border bends the ramp
        assertEquals(0, InverseVarianceBlend.fillErrorBesideTheHole(smooth(), cross), 0.05);
    }

    @Test
    void withNothingToMeasureTheMeanIsReturned() {
        Tensor img = smooth();
        boolean[] hole = new boolean[N * N];
        java.util.Arrays.fill(hole, true);
        hole[0] = false;
        Tensor mean = plusNoise(img, 1, 2);
        InverseVarianceBlend.Blend b = InverseVarianceBlend.combine(img, weights(hole), img, mean, img.zerosLike(), 2);
        assertSame(mean, b.image());
        assertTrue(Double.isNaN(b.fillWeight()));
        assertThrows(IllegalArgumentException.class,
                () -> InverseVarianceBlend.combine(img, weights(hole), img, mean, img.zerosLike(), 1));
    }
}
