package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DifferentiableDenoiser.ConditionGradient;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Gradients through the real TorchScript runtime agree with finite differences; the weights never change. */
class ConditionGradientTest {

    @Test
    void gradientMatchesFiniteDifferencesAndWeightsStayFixed() {
        ModelPackage pkg = Fixture.modelPackage();
        DeviceSelection cpu = TorchRuntime.select(DeviceChoice.CPU);
        try (TorchScriptDenoiser diff = pkg.loadDifferentiableDenoiser(cpu);
                TorchScriptDenoiser plain = pkg.loadDenoiser(cpu)) {
            GaussianNoise noise = new GaussianNoise(5);
            Tensor x = noise.next(1, 3, 8, 8);
            Tensor offset = noise.next(1, 3, 8, 8);
            float[] cond = pkg.manifest().embeddings()[1].clone();
            double scale = -0.7;
            Tensor before = plain.predict(x, new long[] {300}, new float[][] {cond});
            ConditionGradient g = diff.squaredErrorGradient(x, 300, cond, offset, scale);
            assertEquals(cond.length, g.gradient().length);
            assertArrayEquals(before.data(), g.output().data(), 1e-5f, "output equals inference output");
            assertEquals(loss(plain, x, cond, offset, scale), g.loss(), 1e-5);
            double h = 1e-2;
            for (int j = 0; j < cond.length; j++) {
                float[] up = cond.clone();
                float[] down = cond.clone();
                up[j] += (float) h;
                down[j] -= (float) h;
                double fd = (loss(plain, x, up, offset, scale) - loss(plain, x, down, offset, scale)) / (2 * h);
                assertEquals(fd, g.gradient()[j], 2e-3 + 0.02 * Math.abs(fd), "d loss / d cond[" + j + "]");
            }
            ConditionGradient again = g;
            for (int i = 0; i < 3; i++) {
                again = diff.squaredErrorGradient(x, 300, cond, offset, scale);
            }
            assertArrayEquals(g.output().data(), again.output().data(), "the model's weights must never change");
            assertArrayEquals(g.gradient(), again.gradient(), 1e-6f, "gradients must not accumulate");
            for (var p : diff.model().getBlock().getParameters()) {
                ai.djl.ndarray.NDArray w = p.getValue().getArray();
                assertTrue(!w.hasGradient() || w.getGradient().abs().max().getFloat() == 0,
                        p.getKey() + ": frozen weights collect no gradient");
            }
            var e = assertThrows(IllegalStateException.class,
                    () -> plain.squaredErrorGradient(x, 300, cond, offset, scale));
            assertTrue(e.getMessage().contains("inference only"));
        }
    }

    private static double loss(TorchScriptDenoiser d, Tensor x, float[] cond, Tensor offset, double scale) {
        float[] y = d.predict(x, new long[] {300}, new float[][] {cond}).data();
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = offset.data()[i] + scale * y[i];
            s += r * r;
        }
        return s / y.length;
    }
}
