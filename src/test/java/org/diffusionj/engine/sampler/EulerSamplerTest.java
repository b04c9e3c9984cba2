package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.diffusionj.engine.schedule.TimestepSpacing;
import org.junit.jupiter.api.Test;

/** Euler: diffusers' {@code test_scheduler_euler.py} vectors (T = 1100, linspace, 10 steps). */
class EulerSamplerTest extends SamplerContractTest {

    static final NoiseSchedule T1100 = NoiseSchedule.linear(1100, 1e-4, 0.02);
    static final SamplerSettings DIFFUSERS = SamplerSettings.steps(10).withSpacing(TimestepSpacing.LINSPACE);

    @Override
    Sampler sampler() {
        return new EulerSampler();
    }

    @Test
    void karrasSigmasEndAboveTheLowestTimestepToo() {
        SamplerSettings karras = SamplerSettings.steps(10).withKarrasSigmas(true);
        SamplingRun full = sampler().start(LINEAR, karras);
        SamplingRun ended = sampler().start(LINEAR, karras.withLowestTimestep(100));
        assertTrue(ended.evaluations() < full.evaluations() && ended.evaluations() > 1);
        for (int k = 0; k < ended.evaluations(); k++) {
            assertTrue(ended.fractionalTimestep(k) >= 100, "evaluation " + k + " at " + ended.fractionalTimestep(k));
            assertEquals(full.fractionalTimestep(k), ended.fractionalTimestep(k), 1e-12);
        }
        assertTrue(full.fractionalTimestep(ended.evaluations()) < 100);
        assertEquals(1.0, ended.nextAlphaBar(ended.evaluations() - 1), 1e-12, "the last step ends clean");
    }

    @Test
    void fullLoopNoNoise() {
        Tensor x = SigmaSamplerTests.diffusersLoop(sampler().start(T1100, DIFFUSERS), PredictionType.EPSILON);
        assertSumMean(x, 10.0807, 0.0131);
    }

    @Test
    void fullLoopWithVPrediction() {
        Tensor x = SigmaSamplerTests.diffusersLoop(sampler().start(T1100, DIFFUSERS), PredictionType.V);
        assertSumMean(x, 0.0002, 2.2676e-06);
    }

    @Test
    void fullLoopWithKarrasSigmas() {
        SamplingRun run = sampler().start(T1100, DIFFUSERS.withKarrasSigmas(true));
        assertSumMean(SigmaSamplerTests.diffusersLoop(run, PredictionType.EPSILON), 124.52299499511719,
                0.16213932633399963);
    }

    @Test
    void linspaceTimestepsStayFractionalAndModelTimestepsAreRounded() {
        SamplingRun run = sampler().start(T1100, DIFFUSERS);
        assertEquals(1099, run.fractionalTimestep(0), 0);
        assertEquals(1099 * 8 / 9.0, run.fractionalTimestep(1), 1e-9);
        assertEquals(977, run.timestep(1));
        assertEquals(T1100.sigmaAt(1099 * 8 / 9.0), Math.sqrt(1 / run.alphaBar(1) - 1), 1e-9);
        assertEquals(0, run.timestep(9));
    }

    @Test
    void integerTimestepsStayCloseToTheFractionalVector() {
        // The shared loop hands the network rounded timesteps; on this grid that moves the result by < 1e-3.
        SamplingRun run = sampler().start(T1100, DIFFUSERS);
        Tensor x = run.initialSample(DummyData.sample());
        Tensor viaLoop = new SamplingLoop(DummyData.denoiser(), PredictionType.EPSILON).run(run, x, null);
        SamplingRun again = sampler().start(T1100, DIFFUSERS);
        Tensor exact = x;
        for (int k = 0; k < again.evaluations(); k++) {
            Tensor in = again.modelInput(exact, k);
            Tensor out = DummyData.model(in, again.fractionalTimestep(k));
            exact = again.step(PredictionType.EPSILON.toPrediction(out, in, again.alphaBar(k)), k, exact, null);
        }
        assertTrue(Tensors.maxAbsDiff(exact, viaLoop) < 1e-3);
    }

    @Test
    void initialSampleIsNoiseTimesSigmaMax() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(10).withSpacing(TimestepSpacing.LINSPACE));
        Tensor z = new GaussianNoise(0).next(1, 1, 2, 2);
        Tensor x = run.initialSample(z);
        assertEquals(LINEAR.sigmaMax() * z.data()[0], x.data()[0], 1e-4);
    }

    @Test
    void karrasSigmasSpanTheScheduleAndEndAtZero() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(10).withKarrasSigmas(true));
        assertEquals(LINEAR.sigmaMax(), Math.sqrt(1 / run.alphaBar(0) - 1), 1e-6);
        assertEquals(999, run.timestep(0));
        assertEquals(0, run.timestep(9));
        assertEquals(1.0, run.nextAlphaBar(9), 0);
    }

    @Test
    void karrasSigmasRejectAnExplicitTimestepList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sampler().start(LINEAR,
                SamplerSettings.steps(2).withKarrasSigmas(true).withTimesteps(500, 100)));
        assertTrue(e.getMessage().contains("Karras"), e.getMessage());
    }

    @Test
    void finalSigmaMinEndsAtTheFirstLevel() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(10).withSetAlphaToOne(false));
        assertEquals(LINEAR.alphaBar(0), run.nextAlphaBar(run.evaluations() - 1), 1e-12);
        assertFalse(run.supportsResampling());
    }
}
