package org.diffusionj.engine.inversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DifferentiableDenoiser;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.inversion.NullTextInversion.Inversion;
import org.diffusionj.engine.inversion.NullTextInversion.Mode;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Fixture;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.TorchRuntime;
import org.diffusionj.runtime.TorchScriptDenoiser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Null-text inversion through the real TorchScript runtime on the small fixture model. */
class NullTextInversionTest {
    static ModelPackage pkg;
    static TorchScriptDenoiser model;
    static Tensor image;

    @BeforeAll
    static void load() {
        pkg = Fixture.modelPackage();
        model = pkg.loadDifferentiableDenoiser(TorchRuntime.select(DeviceChoice.CPU));
        image = Tensors.clamp(Tensors.scale(0.5, new GaussianNoise(11).next(1, 3, 8, 8)), -1, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static NullTextInversion inversion(int steps) {
        ModelManifest m = pkg.manifest();
        return new NullTextInversion(model, m.prediction(), m.schedule(), steps, 7.5, 10);
    }

    private static double mse(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.data()[i] - b.data()[i];
            s += d * d;
        }
        return s / a.size();
    }

    @Test
    void nullTextOptimisationLowersTheLossOfEachStep() {
        float[][] table = pkg.manifest().embeddings();
        Inversion exact = inversion(6).invert(image, table[1], table[0], Mode.EXACT);
        assertEquals(6, exact.unconditional().length);
        assertEquals(7, exact.latents().length);
        // The untrained fixture reacts weakly to its embedding, and the last step (t = 0 to the final level)
        // hardly depends on the network; the quality figures come from the trained model (slow test).
        assertTrue(exact.losses()[0] < exact.initialLosses()[0],
                exact.losses()[0] + " not below " + exact.initialLosses()[0]);
        // each step starts from the source embedding (table[1]) or the previous step's; optimisation moved some
        boolean moved = false;
        for (float[] u : exact.unconditional()) {
            moved |= !java.util.Arrays.equals(table[0], u) && !java.util.Arrays.equals(table[1], u);
        }
        assertTrue(moved, "no step's null embedding left its starting point");
    }

    /**
     * The conditioning gradient is checked against finite differences before Adam follows it: the real runtime's
     * passes; a backend whose gradients are three times too large (as oneDNN's were under AVX2 on a Zen 5: README,
     * Development) fails, and then nothing is optimised: every step keeps the source embedding it started from.
     */
    @Test
    void theGradientIsCheckedBeforeItIsFollowed() {
        float[][] table = pkg.manifest().embeddings();
        ModelManifest m = pkg.manifest();
        Inversion exact = inversion(4).invert(image, table[1], table[0], Mode.EXACT);
        assertTrue(exact.gradientCheck().passed(), exact.gradientCheck().toString());
        assertEquals(1, exact.gradientCheck().ratio(), 0.005, exact.gradientCheck().toString());
        DifferentiableDenoiser wrong = new DifferentiableDenoiser() {
            @Override
            public Tensor predict(Tensor x, long[] t, float[][] cond) {
                return model.predict(x, t, cond);
            }

            @Override
            public ConditionGradient squaredErrorGradient(Tensor x, long t, float[] cond, Tensor offset, double scale) {
                ConditionGradient g = model.squaredErrorGradient(x, t, cond, offset, scale);
                float[] tripled = g.gradient().clone();
                for (int k = 0; k < tripled.length; k++) {
                    tripled[k] *= 3;
                }
                return new ConditionGradient(g.loss(), g.output(), tripled);
            }
        };
        Inversion refused = new NullTextInversion(wrong, m.prediction(), m.schedule(), 4, 7.5, 10)
                .invert(image, table[1], table[0], Mode.EXACT);
        assertFalse(refused.gradientCheck().passed(), refused.gradientCheck().toString());
        assertEquals(1 / 3.0, refused.gradientCheck().ratio(), 0.01);
        for (float[] u : refused.unconditional()) {
            assertArrayEquals(table[1], u, "an embedding moved along a gradient that failed its check");
        }
        assertArrayEquals(refused.initialLosses(), refused.losses());
        assertNull(inversion(4).invert(image, table[1], table[0], Mode.FAST).gradientCheck(), "nothing to check");
    }

    @Test
    void fastModeUsesTheSourceAsNullEmbedding() {
        float[][] table = pkg.manifest().embeddings();
        Inversion fast = inversion(5).invert(image, table[2], table[0], Mode.FAST);
        for (float[] u : fast.unconditional()) {
            assertTrue(java.util.Arrays.equals(table[2], u));
        }
    }

    @Test
    void editWithMaskKeepsTheOutsideOfTheMask() {
        float[][] table = pkg.manifest().embeddings();
        NullTextInversion nti = inversion(5);
        Inversion inv = nti.invert(image, table[1], table[0], Mode.FAST);
        Tensor mask = image.zerosLike();
        Tensor known = Tensors.full(new Tensor(1, 1, image.height(), image.width()), 1f);
        for (int c = 0; c < 3; c++) {
            for (int y = 2; y < 5; y++) {
                for (int x = 2; x < 6; x++) {
                    mask.set(0, c, y, x, 1f);
                    known.set(0, 0, y, x, 0f);
                }
            }
        }
        Tensor edited = nti.edit(inv, table[2], known);
        double inside = 0;
        for (int i = 0; i < edited.size(); i++) {
            if (mask.data()[i] == 0) {
                assertEquals(image.data()[i], edited.data()[i], 1e-6, "outside the mask at " + i);
            } else {
                inside += Math.abs(edited.data()[i] - image.data()[i]);
            }
        }
        assertTrue(inside > 0, "the edit must change the masked pixels");
    }

    @Test
    void guidanceBelowOneIsRefused() {
        ModelManifest m = pkg.manifest();
        var e = assertThrows(IllegalArgumentException.class, () -> new NullTextInversion(model,
                m.prediction(), m.schedule(), 10, 0.5, 10));
        assertTrue(e.getMessage().contains("guidance"), e.getMessage());
    }
}
