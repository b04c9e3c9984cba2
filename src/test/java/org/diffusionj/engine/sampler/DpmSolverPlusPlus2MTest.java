package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.TimestepSpacing;
import org.junit.jupiter.api.Test;

/**
 * DPM-Solver++(2M): diffusers' {@code test_scheduler_dpm_multi.py} vectors. That test configures
 * {@code final_sigmas_type = "sigma_min"} and no lower-order final step, i.e. our {@code withFinalSigmaZero(false)}
 * and {@code withLowerOrderFinal(false)};
 * its samples are variance-preserving, so they enter through {@code fromVp} and leave scaled by
 * {@code sqrt(abar)} of the final level.
 */
class DpmSolverPlusPlus2MTest extends SamplerContractTest {

    private static final SamplerSettings DIFFUSERS =
            SamplerSettings.steps(10).withSpacing(TimestepSpacing.LINSPACE).withFinalSigmaZero(false)
                    .withLowerOrderFinal(false);

    @Override
    Sampler sampler() {
        return new DpmSolverPlusPlus2M();
    }

    private static Tensor toVp(SamplingRun run, Tensor x) {
        return run.toVp(x, run.evaluations() - 1);
    }

    private Tensor fullLoop(SamplerSettings settings, PredictionType type) {
        SamplingRun run = sampler().start(LINEAR, settings);
        return toVp(run, dummyLoop(run, run.fromVp(DummyData.sample(), 0), type, 0));
    }

    @Test
    void fullLoopNoNoise() {
        assertEquals(0.3301, Tensors.meanAbs(fullLoop(DIFFUSERS, PredictionType.EPSILON)), MEAN_TOLERANCE);
    }

    @Test
    void fullLoopWithVPrediction() {
        assertEquals(0.2251, Tensors.meanAbs(fullLoop(DIFFUSERS, PredictionType.V)), MEAN_TOLERANCE);
    }

    @Test
    void fullLoopWithKarrasAndVPrediction() {
        Tensor x = fullLoop(DIFFUSERS.withKarrasSigmas(true), PredictionType.V);
        assertEquals(0.2096, Tensors.meanAbs(x), MEAN_TOLERANCE);
    }

    @Test
    void fullLoopWithNoise() {
        SamplingRun run = sampler().start(LINEAR, DIFFUSERS.withStartStep(5));
        long[] ts = new long[run.evaluations()];
        Arrays.setAll(ts, run::timestep);
        assertArrayEquals(new long[] {500, 400, 300, 200, 100}, ts);
        Tensor start = run.addNoise(DummyData.sample(), DummyData.noise(), 0);
        assertSumMean(toVp(run, dummyLoop(run, start, PredictionType.EPSILON, 0)), 318.4111, 0.4146);
    }

    @Test
    void fewStepRunsEndWithAFirstOrderStepLikeDiffusers() {
        Tensor second = fullLoop(DIFFUSERS, PredictionType.EPSILON);
        Tensor first = fullLoop(DIFFUSERS.withLowerOrderFinal(true), PredictionType.EPSILON);
        assertTrue(Tensors.maxAbsDiff(first, second) > 1e-4, "the last step's order changes the result");
        // 15 steps and more, or a last step to sigma 0: second order (or D itself) either way
        SamplerSettings fifteen = DIFFUSERS.withSteps(15);
        assertEquals(0, Tensors.maxAbsDiff(fullLoop(fifteen, PredictionType.EPSILON),
                fullLoop(fifteen.withLowerOrderFinal(true), PredictionType.EPSILON)));
        SamplerSettings toZero = DIFFUSERS.withFinalSigmaZero(true);
        assertEquals(0, Tensors.maxAbsDiff(fullLoop(toZero, PredictionType.EPSILON),
                fullLoop(toZero.withLowerOrderFinal(true), PredictionType.EPSILON)));
    }

    @Test
    void gridSkipsTheBottomTimestepLikeDiffusers() {
        SamplingRun linspace = sampler().start(LINEAR, SamplerSettings.steps(10).withSpacing(TimestepSpacing.LINSPACE));
        assertEquals(999, linspace.timestep(0));
        assertEquals(100, linspace.timestep(9));
        SamplingRun leading = sampler().start(LINEAR, SamplerSettings.steps(10));
        assertEquals(900, leading.timestep(0));
        assertEquals(90, leading.timestep(9));
        SamplingRun trailing = sampler().start(LINEAR, SamplerSettings.steps(10).withSpacing(TimestepSpacing.TRAILING));
        assertEquals(999, trailing.timestep(0));
        assertEquals(99, trailing.timestep(9));
    }

    @Test
    void firstStepIsFirstOrderLikeEuler() {
        // DPM-Solver++ of order 1 is DDIM / Euler in sigma space: x' = (s'/s) x + (1 - s'/s) D
        SamplingRun dpm = start();
        SamplingRun euler = new EulerSampler().start(LINEAR, settings());
        Tensor x = dpm.initialSample(DummyData.noise());
        Prediction p = Prediction.fromX0(DummyData.sample(), dpm.modelInput(x, 0), dpm.alphaBar(0));
        if (dpm.alphaBar(0) == euler.alphaBar(0) && dpm.nextAlphaBar(0) == euler.nextAlphaBar(0)) {
            assertTrue(Tensors.maxAbsDiff(euler.step(p, 0, x, null), dpm.step(p, 0, x, null)) < 1e-4);
        } else {
            double s = Math.sqrt(1 / dpm.alphaBar(0) - 1);
            double next = Math.sqrt(1 / dpm.nextAlphaBar(0) - 1);
            Tensor expected = Tensors.axpby(next / s, x, 1 - next / s, p.x0());
            assertTrue(Tensors.maxAbsDiff(expected, dpm.step(p, 0, x, null)) < 1e-4);
        }
    }

    @Test
    void stepsMustComeInOrder() {
        SamplingRun run = start();
        Tensor x = DummyData.sample();
        Prediction p = Prediction.fromX0(x, x, run.alphaBar(2));
        assertThrows(IllegalStateException.class, () -> run.step(p, 2, x, null));
    }
}
