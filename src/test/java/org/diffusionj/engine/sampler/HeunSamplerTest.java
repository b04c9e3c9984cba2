package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;
import org.junit.jupiter.api.Test;

/** Heun: diffusers' {@code test_scheduler_heun.py} vectors (T = 1100, linspace, 10 steps). */
class HeunSamplerTest extends SamplerContractTest {

    @Override
    Sampler sampler() {
        return new HeunSampler();
    }

    private SamplingRun diffusersRun(boolean karras) {
        return sampler().start(EulerSamplerTest.T1100, EulerSamplerTest.DIFFUSERS.withKarrasSigmas(karras));
    }

    @Test
    void fullLoopNoNoise() {
        assertSumMean(SigmaSamplerTests.diffusersLoop(diffusersRun(false), PredictionType.EPSILON), 0.1233, 0.0002);
    }

    @Test
    void fullLoopWithVPrediction() {
        assertSumMean(SigmaSamplerTests.diffusersLoop(diffusersRun(false), PredictionType.V), 4.6934e-07,
                6.1112e-10);
    }

    @Test
    void fullLoopWithKarrasSigmas() {
        assertSumMean(SigmaSamplerTests.diffusersLoop(diffusersRun(true), PredictionType.EPSILON), 0.00015,
                1.9869554535034695e-07);
    }

    @Test
    void tenStepsTakeNineteenEvaluations() {
        SamplingRun run = start();
        assertEquals(10, run.steps());
        assertEquals(19, run.evaluations());
        // predictor and corrector of one step share the corrector's level with the next predictor
        assertEquals(run.timestep(1), run.timestep(2));
    }

    @Test
    void aFinalSigmaAboveZeroGetsACorrector() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(10).withSetAlphaToOne(false));
        assertEquals(20, run.evaluations());
        assertEquals(LINEAR.alphaBar(0), run.nextAlphaBar(19), 1e-12);
    }

    @Test
    void stepsMustComeInOrder() {
        SamplingRun run = start();
        Tensor x = DummyData.sample();
        Prediction p = Prediction.fromX0(x, run.modelInput(x, 1), run.alphaBar(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.step(p, 1, x, null));
        assertTrue(e.getMessage().contains("in order"), e.getMessage());
    }
}
