package org.diffusionj.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

class PredictionTypeTest {

    private static final double AB = 0.37;
    private static final Tensor X0 = DummyData.sample();
    private static final Tensor EPS = DummyData.noise();
    private static final Tensor XT = Tensors.axpby(Math.sqrt(AB), X0, Math.sqrt(1 - AB), EPS);

    private static void assertRecovers(Prediction p) {
        assertTrue(Tensors.maxAbsDiff(X0, p.x0()) < 1e-5, "x0");
        assertTrue(Tensors.maxAbsDiff(EPS, p.eps()) < 1e-5, "eps");
    }

    @Test
    void everyTypeRecoversBothX0AndEps() {
        Tensor v = Tensors.axpby(Math.sqrt(AB), EPS, -Math.sqrt(1 - AB), X0);
        assertRecovers(PredictionType.EPSILON.toPrediction(EPS, XT, AB));
        assertRecovers(PredictionType.SAMPLE.toPrediction(X0, XT, AB));
        assertRecovers(PredictionType.V.toPrediction(v, XT, AB));
    }

    @Test
    void fromX0AtTheCleanLevelHasNoNoise() {
        Prediction p = Prediction.fromX0(X0, X0, 1.0);
        assertEquals(0, Tensors.sumAbs(p.eps()), 0);
    }

    @Test
    void namesAndAliases() {
        assertEquals(PredictionType.EPSILON, PredictionType.fromName("epsilon"));
        assertEquals(PredictionType.V, PredictionType.fromName("v_prediction"));
        assertEquals(PredictionType.SAMPLE, PredictionType.fromName("X0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PredictionType.fromName("flow"));
        assertTrue(e.getMessage().contains("'flow'") && e.getMessage().contains("epsilon"), e.getMessage());
    }
}
