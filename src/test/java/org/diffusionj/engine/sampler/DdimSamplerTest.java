package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

/** DDIM: diffusers' {@code test_scheduler_ddim.py} vectors plus DDIM-specific behaviour. */
class DdimSamplerTest extends SamplerContractTest {

    /** diffusers' test configuration: T = 1000, linear 1e-4 .. 0.02, clip_sample, 10 leading steps, eta 0. */
    private static final SamplerSettings DIFFUSERS = SamplerSettings.steps(10).withClipSample(true);

    @Override
    Sampler sampler() {
        return new DdimSampler();
    }

    private static Tensor fullLoop(NoiseSchedule schedule, SamplerSettings settings, PredictionType type) {
        return dummyLoop(new DdimSampler().start(schedule, settings), DummyData.sample(), type, 0);
    }

    @Test
    void fullLoopNoNoise() {
        assertSumMean(fullLoop(LINEAR, DIFFUSERS, PredictionType.EPSILON), 172.0067, 0.223967);
    }

    @Test
    void fullLoopWithVPrediction() {
        assertSumMean(fullLoop(LINEAR, DIFFUSERS, PredictionType.V), 52.5302, 0.0684);
    }

    @Test
    void fullLoopWithAndWithoutSetAlphaToOne() {
        // beta_start 0.01 makes the first alpha 0.99, so the final level matters
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 0.01, 0.02);
        assertSumMean(fullLoop(schedule, DIFFUSERS, PredictionType.EPSILON), 149.8295, 0.1951);
        assertSumMean(fullLoop(schedule, DIFFUSERS.withSetAlphaToOne(false), PredictionType.EPSILON),
                149.0784, 0.1941);
    }

    @Test
    void fullLoopWithNoise() {
        // diffusers: t_start = 8, add_noise at the first kept timestep, loop over [100, 0]
        SamplingRun run = new DdimSampler().start(LINEAR, DIFFUSERS.withStartStep(8));
        assertEquals(2, run.evaluations());
        assertEquals(100, run.timestep(0));
        assertEquals(0, run.timestep(1));
        Tensor start = run.addNoise(DummyData.sample(), DummyData.noise(), 0);
        assertSumMean(dummyLoop(run, start, PredictionType.EPSILON, 0), 354.5418, 0.4616);
    }

    @Test
    void varianceMatchesDiffusers() {
        assertEquals(0.0, DdimSampler.variance(LINEAR, 0, 0, true), 1e-5);
        assertEquals(0.14771, DdimSampler.variance(LINEAR, 420, 400, true), 1e-5);
        assertEquals(0.32460, DdimSampler.variance(LINEAR, 980, 960, true), 1e-5);
        assertEquals(0.00979, DdimSampler.variance(LINEAR, 487, 486, true), 1e-5);
        assertEquals(0.02, DdimSampler.variance(LINEAR, 999, 998, true), 1e-5);
    }

    @Test
    void stepsOffsetShiftsTheLeadingGrid() {
        SamplingRun run = new DdimSampler().start(LINEAR, SamplerSettings.steps(5).withStepsOffset(1));
        long[] ts = new long[run.evaluations()];
        Arrays.setAll(ts, run::timestep);
        assertArrayEquals(new long[] {801, 601, 401, 201, 1}, ts);
    }

    @Test
    void etaZeroIsDeterministicAndEtaOneIsNot() {
        SamplerSettings stochastic = SamplerSettings.steps(10).withEta(1);
        Tensor a = dummyLoop(new DdimSampler().start(LINEAR, stochastic), DummyData.sample(), PredictionType.EPSILON, 1);
        Tensor b = dummyLoop(new DdimSampler().start(LINEAR, stochastic), DummyData.sample(), PredictionType.EPSILON, 2);
        assertTrue(Tensors.maxAbsDiff(a, b) > 1e-3, "different seeds must give different samples");
        Tensor c = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 1);
        Tensor d = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 2);
        assertArrayEquals(c.data(), d.data());
    }

    @Test
    void negativeEtaIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplerSettings.steps(10).withEta(-0.5));
        assertTrue(e.getMessage().contains("eta") && e.getMessage().contains("-0.5"), e.getMessage());
    }

    @Test
    void explicitTimestepsMustDescend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler().start(LINEAR, SamplerSettings.steps(3).withTimesteps(0, 500, 900)));
        assertTrue(e.getMessage().contains("descending"), e.getMessage());
    }

    @Test
    void explicitTimestepsStepToTheNextListedOne() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(1).withTimesteps(700, 350, 20));
        assertEquals(3, run.evaluations());
        assertEquals(LINEAR.alphaBar(350), run.nextAlphaBar(0), 0);
        assertEquals(LINEAR.alphaBar(20), run.nextAlphaBar(1), 0);
        assertEquals(1.0, run.nextAlphaBar(2), 0);
    }

    @Test
    void renoiseUndoesOneStepInDistribution() {
        // RePaint: x_t = sqrt(abar_t / abar_s) x_s + sqrt(1 - abar_t / abar_s) z, with z from the run's generator
        SamplingRun run = start();
        assertTrue(run.supportsResampling());
        Tensor xs = DummyData.sample();
        Tensor up = run.renoise(xs, 3, new GaussianNoise(9));
        double ratio = run.alphaBar(3) / run.nextAlphaBar(3);
        Tensor z = new GaussianNoise(9).nextLike(xs);
        Tensor expected = Tensors.axpby(Math.sqrt(ratio), xs, Math.sqrt(1 - ratio), z);
        assertTrue(Tensors.maxAbsDiff(expected, up) < 1e-6);
        assertFalse(Tensors.maxAbsDiff(xs, up) < 1e-3);
    }
}
