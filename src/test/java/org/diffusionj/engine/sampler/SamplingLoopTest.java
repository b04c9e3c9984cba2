package org.diffusionj.engine.sampler;

import org.diffusionj.engine.CancelledException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

class SamplingLoopTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(1000, 1e-4, 0.02);

    /** The dummy model, counting its calls and remembering the last conditioning it received. */
    private static final class Recorder implements Denoiser {
        final AtomicInteger calls = new AtomicInteger();
        final List<Long> timesteps = new ArrayList<>();
        float[][] lastCond;

        @Override
        public Tensor predict(Tensor x, long[] t, float[][] cond) {
            calls.incrementAndGet();
            timesteps.add(t[0]);
            lastCond = cond;
            return DummyData.denoiser().predict(x, t, cond);
        }
    }

    private static SamplingRun ddim(int steps) {
        return new DdimSampler().start(SCHEDULE, SamplerSettings.steps(steps));
    }

    @Test
    void followsTheDocumentedSequence() {
        SamplingRun run = new EulerSampler().start(SCHEDULE, SamplerSettings.steps(5));
        Tensor x = run.initialSample(DummyData.noise());
        Tensor viaLoop = new SamplingLoop(DummyData.denoiser(), PredictionType.V).run(run, x, new GaussianNoise(0));
        SamplingRun manual = new EulerSampler().start(SCHEDULE, SamplerSettings.steps(5));
        for (int k = 0; k < manual.evaluations(); k++) {
            Tensor in = manual.modelInput(x, k);
            Tensor out = DummyData.model(in, manual.timestep(k));
            x = manual.step(PredictionType.V.toPrediction(out, in, manual.alphaBar(k)), k, x, null);
        }
        assertArrayEquals(x.data(), viaLoop.data());
    }

    @Test
    void passesOneTimestepPerEvaluationAndTheConditioning() {
        Recorder model = new Recorder();
        SamplingRun run = ddim(4);
        new SamplingLoop(model, PredictionType.EPSILON).run(run, DummyData.sample(), new GaussianNoise(0));
        assertEquals(List.of(750L, 500L, 250L, 0L), model.timesteps);
        assertNull(model.lastCond);
        Conditioning c = Conditioning.of(new float[] {1, 2}, null);
        new SamplingLoop(model, PredictionType.EPSILON).withConditioning(c)
                .run(ddim(1), DummyData.sample(), new GaussianNoise(0));
        assertEquals(4, model.lastCond.length);
        assertArrayEquals(new float[] {1, 2}, model.lastCond[3]);
    }

    @Test
    void hooksSeeEveryEvaluationAndTheirResultsAreUsed() {
        List<Integer> predicted = new ArrayList<>();
        List<Integer> stepped = new ArrayList<>();
        Tensor target = Tensors.scale(0.25, DummyData.sample());
        SamplingLoop loop = new SamplingLoop(DummyData.denoiser(), PredictionType.EPSILON)
                .withPredictionHook((p, k, x) -> {
                    predicted.add(k);
                    return Prediction.fromX0(target, x, SCHEDULE.alphaBar(1000 - 250 * (k + 1)));
                })
                .withSampleHook((x, k) -> {
                    stepped.add(k);
                    return x;
                });
        Tensor out = loop.run(ddim(4), DummyData.noise(), new GaussianNoise(0));
        assertEquals(List.of(0, 1, 2, 3), predicted);
        assertEquals(List.of(0, 1, 2, 3), stepped);
        assertTrue(Tensors.maxAbsDiff(target, out) < 1e-4, "the hooked x0 must be the result");
    }

    @Test
    void reportsProgressWithPreviews() {
        List<String> seen = new ArrayList<>();
        new SamplingLoop(DummyData.denoiser(), PredictionType.EPSILON)
                .withProgress((done, total, preview) -> {
                    assertNotNull(preview);
                    seen.add(done + "/" + total);
                })
                .run(ddim(3), DummyData.sample(), new GaussianNoise(0));
        assertEquals(List.of("1/3", "2/3", "3/3"), seen);
    }

    @Test
    void cancellationStopsBeforeTheNextEvaluation() {
        Recorder model = new Recorder();
        SamplingLoop loop = new SamplingLoop(model, PredictionType.EPSILON)
                .withCancellation(() -> model.calls.get() >= 2);
        CancelledException e = assertThrows(CancelledException.class,
                () -> loop.run(ddim(10), DummyData.sample(), new GaussianNoise(0)));
        assertEquals(2, model.calls.get());
        assertTrue(e.getMessage().contains("2 of 10"), e.getMessage());
    }

    @Test
    void resamplingEvaluatesAsPlannedAndNeedsAResamplingSampler() {
        Recorder model = new Recorder();
        ResamplingPlan plan = ResamplingPlan.repaint(2, 3);
        Tensor out = new SamplingLoop(model, PredictionType.EPSILON).withResampling(plan)
                .run(ddim(10), DummyData.sample(), new GaussianNoise(0));
        assertEquals(plan.evaluations(10), model.calls.get());
        assertTrue(model.calls.get() > 10);
        assertTrue(Tensors.allFinite(out));
        SamplingRun euler = new EulerSampler().start(SCHEDULE, SamplerSettings.steps(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SamplingLoop(model, PredictionType.EPSILON).withResampling(plan)
                        .run(euler, DummyData.sample(), new GaussianNoise(0)));
        assertTrue(e.getMessage().contains("Resampling"), e.getMessage());
    }

    @Test
    void aDenoiserReturningTheWrongShapeIsReported() {
        Denoiser broken = (x, t, cond) -> new Tensor(1, 1, 1, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SamplingLoop(broken, PredictionType.EPSILON).run(ddim(2), DummyData.sample(), null));
        assertTrue(e.getMessage().contains("returned"), e.getMessage());
    }

    @Test
    void aRunWithoutEvaluationsReturnsTheStart() {
        SamplingRun empty = new DdimSampler().start(SCHEDULE, SamplerSettings.steps(5).withStartStep(5));
        Tensor start = DummyData.sample();
        assertEquals(0, empty.evaluations());
        assertArrayEquals(start.data(),
                new SamplingLoop(DummyData.denoiser(), PredictionType.EPSILON).run(empty, start, null).data());
    }
}
