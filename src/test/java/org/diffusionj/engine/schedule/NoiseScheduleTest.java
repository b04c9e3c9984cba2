package org.diffusionj.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    private static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000, 1e-4, 0.02);

    @Test
    void linearBetasFollowFloat32Linspace() {
        assertEquals(1000, LINEAR.trainTimesteps());
        assertEquals((float) 1e-4, LINEAR.beta(0), 0);
        assertEquals((float) 0.02, LINEAR.beta(999), 0);
        float step = ((float) 0.02 - (float) 1e-4) / 999f;
        assertEquals((float) 1e-4 + step * 100f, LINEAR.beta(100), 0, "first half counts up from the start");
        assertEquals((float) 0.02 - step * 99f, LINEAR.beta(900), 0, "second half counts down from the end");
        for (int t = 0; t < 1000; t++) {
            assertEquals((float) LINEAR.beta(t), LINEAR.beta(t), 0, "betas are float32 values");
        }
    }

    @Test
    void alphaBarIsTheProductOfFloat32Alphas() {
        double product = 1;
        for (int t = 0; t < 1000; t++) {
            product *= 1f - (float) LINEAR.beta(t);
            assertEquals(product, LINEAR.alphaBar(t), 1e-15);
        }
        assertEquals(LINEAR.alphaBar(999), LINEAR.alphasCumprod()[999], 0);
        assertEquals(4.0358e-5, LINEAR.alphaBar(999), 1e-8);
    }

    @Test
    void scaledLinearSquaresALinspaceOfRoots() {
        NoiseSchedule sd = NoiseSchedule.scaledLinear(1000, 0.00085, 0.012);
        float root = (float) Math.sqrt(0.00085);
        assertEquals(root * root, sd.beta(0), 0);
        assertEquals(0.012, sd.beta(999), 1e-8);
        assertEquals("scaled_linear", sd.kind());
    }

    @Test
    void cosineFollowsImprovedDdpm() {
        NoiseSchedule cos = NoiseSchedule.cosine(1000);
        double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
        for (int t : new int[] {0, 250, 500, 900}) {
            double expected = Math.pow(Math.cos(((t + 1) / 1000.0 + 0.008) / 1.008 * Math.PI / 2), 2) / f0;
            assertEquals(expected, cos.alphaBar(t), 1e-5, "alphaBar(" + t + ")");
        }
        assertEquals(0.999, cos.beta(999), 1e-6, "betas are capped");
    }

    @Test
    void fromNameAcceptsTheKindsAndAliases() {
        assertEquals("linear", NoiseSchedule.fromName("linear", 10, 1e-4, 0.02).kind());
        assertEquals("scaled_linear", NoiseSchedule.fromName("Scaled_Linear", 10, 1e-4, 0.02).kind());
        assertEquals("cosine", NoiseSchedule.fromName("squaredcos_cap_v2", 10, 0, 0).kind());
    }

    @Test
    void fromNameNamesTheBadValueAndTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.fromName("sigmoid", 1000, 1e-4, 0.02));
        assertTrue(e.getMessage().contains("'sigmoid'"), e.getMessage());
        assertTrue(e.getMessage().contains("linear, scaled_linear, cosine"), e.getMessage());
    }

    @Test
    void invalidRangesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseSchedule.linear(0, 1e-4, 0.02));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(1000, 1e-4, 2));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    }

    @Test
    void sigmaInterpolatesAndInvertsOverTheTable() {
        assertEquals(Math.sqrt((1 - LINEAR.alphaBar(10)) / LINEAR.alphaBar(10)), LINEAR.sigma(10), 1e-12);
        assertEquals(0.5 * (LINEAR.sigma(10) + LINEAR.sigma(11)), LINEAR.sigmaAt(10.5), 1e-12);
        assertEquals(LINEAR.sigmaMax(), LINEAR.sigmaAt(5000), 0);
        for (double t : new double[] {0, 1, 10, 123, 998, 999}) {
            assertEquals(t, LINEAR.timestepForSigma(LINEAR.sigmaAt(t)), 1e-9);
        }
        double between = LINEAR.timestepForSigma(Math.sqrt(LINEAR.sigma(400) * LINEAR.sigma(401)));
        assertEquals(400.5, between, 1e-9, "geometric mean of sigmas is the midpoint in log sigma");
        assertEquals(0, LINEAR.timestepForSigma(1e-6), 0);
        assertEquals(999, LINEAR.timestepForSigma(1e6), 0);
    }
}
