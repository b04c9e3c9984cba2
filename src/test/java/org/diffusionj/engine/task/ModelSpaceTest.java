package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

class ModelSpaceTest {

    private static Tensor ramp(int n, float offset) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = offset + i;
        }
        return new Tensor(d, 1, 1, 1, n);
    }

    @Test
    void percentilesMapToPlusMinusOne() {
        Tensor x = ramp(101, 1000);
        Normalization n = Normalization.of(x, 10, 90);
        assertEquals(1010, n.low(), 1e-9);
        assertEquals(1090, n.high(), 1e-9);
        assertEquals(100, n.range(), 1e-9);
        Tensor m = n.normalize(x);
        assertEquals(-1, m.data()[10], 1e-6);
        assertEquals(1, m.data()[90], 1e-6);
        assertEquals(-1.25, m.data()[0], 1e-6);
        assertEquals(0, Tensors.maxAbsDiff(n.denormalize(m), x), 1e-3);
        assertEquals(20, n.toInputScale(0.5), 1e-9);
    }

    @Test
    void interpolatesBetweenOrderStatisticsLikeNumpy() {
        Normalization n = Normalization.of(new Tensor(new float[] {4, 1, 3, 2}, 1, 1, 2, 2), 50, 100);
        assertEquals(2.5, n.low(), 1e-9);
        assertEquals(4, n.high(), 1e-9);
    }

    @Test
    void flatAndConstantImagesStayFinite() {
        float[] spiky = new float[100];
        spiky[99] = 5;
        Normalization flat = Normalization.of(new Tensor(spiky, 1, 1, 10, 10), 1, 98);
        assertEquals(0, flat.low());
        assertEquals(5, flat.high());
        Tensor constant = Tensors.full(new Tensor(1, 1, 3, 3), 42);
        Normalization c = Normalization.of(constant, 0.1, 99.9);
        assertArrayEquals(new float[9], c.normalize(constant).data());
        assertArrayEquals(constant.data(), c.denormalize(c.normalize(constant)).data());
        assertEquals(1, c.range());
    }

    @Test
    void rejectsBadPercentiles() {
        Tensor x = ramp(10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalization.of(x, 50, 50));
        assertTrue(e.getMessage().contains("lowPercentile < highPercentile"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normalization.of(x, -1, 50));
        assertThrows(IllegalArgumentException.class, () -> Normalization.of(x, 1, 101));
    }

    @Test
    void grayGoesInAsThreeEqualChannelsAndComesBackAsTheirMean() {
        Tensor gray = ramp(4, 10);
        ModelSpace space = ModelSpace.of(gray, 3, 0, 100);
        Tensor model = space.toModel(gray);
        assertEquals(3, model.channels());
        for (int j = 0; j < 4; j++) {
            assertEquals(model.get(0, 0, 0, j), model.get(0, 2, 0, j));
        }
        Tensor rgb = new Tensor(new float[] {-1, 1, 0, 1, 0, 0}, 1, 3, 1, 2);
        Tensor back = space.fromModel(rgb, 1);
        assertEquals(1, back.channels());
        assertEquals(space.normalization().denormalize(new Tensor(new float[] {-1 / 3f, 2 / 3f}, 1, 1, 1, 2)).data()[1],
                back.data()[1], 1e-5);
        assertEquals(3, space.fromModel(rgb, 3).channels());
    }

    @Test
    void refusesChannelsTheModelCannotTake() {
        Tensor rgb = new Tensor(1, 3, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpace.of(rgb, 1, 0, 100));
        assertTrue(e.getMessage().contains("1 channel"), e.getMessage());
    }

    /**
     * A dim stabilised image (a ramp spanning 4 noise SDs plus unit Gaussian noise): its own percentiles lie more
     * than 2 SDs beyond the signal's on either side; those of {@link ModelSpace#ofStabilised} lie close to the
     * signal's.
     */
    @Test
    void aStabilisedImageIsNormalisedByItsSignalNotItsNoise() {
        int w = 128;
        int h = 128;
        float[] signal = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                signal[y * w + x] = 10 + 4f * x / (w - 1);
            }
        }
        float[] noisy = new float[w * h];
        new GaussianNoise(5).fill(noisy);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += signal[i];
        }
        Tensor image = new Tensor(noisy, 1, 1, h, w);
        Normalization plain = ModelSpace.of(image, 1, 0.1, 99.9).normalization();
        Normalization stabilised = ModelSpace.ofStabilised(image, 1, 0.1, 99.9).normalization();
        Normalization truth = Normalization.of(new Tensor(signal, 1, 1, h, w), 0.1, 99.9);
        assertTrue(plain.low() < truth.low() - 2 && plain.high() > truth.high() + 2, plain + " vs " + truth);
        assertEquals(truth.low(), stabilised.low(), 0.4, stabilised + " vs " + truth);
        assertEquals(truth.high(), stabilised.high(), 0.4, stabilised + " vs " + truth);
    }

    /** A bright one (a range of 100 noise SDs) gets the smallest smoothing, which flattens its fine detail least. */
    @Test
    void aBrightStabilisedImageGetsTheSmallestSmoothing() {
        int w = 64;
        float[] v = new float[w * w];
        new GaussianNoise(6).fill(v);
        for (int i = 0; i < v.length; i++) {
            v[i] += 100f * (i % w) / (w - 1);
        }
        Tensor image = new Tensor(v, 1, 1, w, w);
        double[] k = GaussianKernel.weights(ModelSpace.STABILISED_SMOOTHING[0], 3);
        assertEquals(Normalization.of(GaussianKernel.blurPlanes(image, k), 0.1, 99.9),
                ModelSpace.ofStabilised(image, 1, 0.1, 99.9).normalization());
    }

    /** A stack too large to smooth whole is normalised from evenly spaced planes: a plane repeated gives its own. */
    @Test
    void aLargeStackIsSampledByPlanes() {
        int side = 512;
        int planes = 2 * ModelSpace.MAX_SMOOTHED_VALUES / (side * side) + 1;
        float[] one = new float[side * side];
        new GaussianNoise(8).fill(one);
        for (int i = 0; i < one.length; i++) {
            one[i] += 0.1f * (i % side);
        }
        float[] stack = new float[planes * one.length];
        for (int z = 0; z < planes; z++) {
            System.arraycopy(one, 0, stack, z * one.length, one.length);
        }
        Normalization whole = ModelSpace.ofStabilised(new Tensor(stack, planes, 1, side, side), 1, 0.1, 99.9)
                .normalization();
        Normalization plane = ModelSpace.ofStabilised(new Tensor(one, 1, 1, side, side), 1, 0.1, 99.9)
                .normalization();
        assertEquals(plane.low(), whole.low(), 1e-2);
        assertEquals(plane.high(), whole.high(), 1e-2);
    }
}
