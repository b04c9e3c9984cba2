package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

/**
 * The contract every sampler keeps, run by one subclass per sampler. Subclasses add the diffusers
 * conformance vectors (dummy sample 4x3x8x8, dummy model {@code x * t / (t + 1)}, sum and mean of |x|).
 */
abstract class SamplerContractTest {

    /** diffusers' tolerances on the sum and the mean of |x|. */
    static final double SUM_TOLERANCE = 1e-2;
    static final double MEAN_TOLERANCE = 1e-3;

    static final NoiseSchedule LINEAR = NoiseSchedule.linear(1000, 1e-4, 0.02);

    abstract Sampler sampler();

    /** Settings for the contract checks: 10 steps unless a subclass prefers others. */
    SamplerSettings settings() {
        return SamplerSettings.steps(10);
    }

    /** Whether noise levels rise along the run (inversion) instead of falling. */
    boolean ascending() {
        return false;
    }

    SamplingRun start() {
        return sampler().start(LINEAR, settings());
    }

    static void assertSumMean(Tensor x, double sum, double mean) {
        assertEquals(sum, Tensors.sumAbs(x), SUM_TOLERANCE, "sum |x|");
        assertEquals(mean, Tensors.meanAbs(x), MEAN_TOLERANCE, "mean |x|");
    }

    /** Runs the dummy model through the shared loop. */
    static Tensor dummyLoop(SamplingRun run, Tensor start, PredictionType type, long seed) {
        return new SamplingLoop(DummyData.denoiser(), type).run(run, start, new GaussianNoise(seed));
    }

    @Test
    void timestepsAreIntegersInRangeAndMonotone() {
        SamplingRun run = start();
        assertTrue(run.evaluations() >= run.steps() && run.steps() >= 1);
        for (int k = 0; k < run.evaluations(); k++) {
            long t = run.timestep(k);
            assertTrue(t >= 0 && t < LINEAR.trainTimesteps(), "timestep " + t);
            assertEquals(Math.rint(run.fractionalTimestep(k)), t, 0.0);
            if (k > 0) {
                long prev = run.timestep(k - 1);
                assertTrue(ascending() ? t >= prev : t <= prev, "order at " + k);
            }
        }
    }

    @Test
    void levelsChainFromOneEvaluationToTheNext() {
        SamplingRun run = start();
        for (int k = 0; k < run.evaluations(); k++) {
            assertTrue(run.alphaBar(k) > 0 && run.alphaBar(k) <= 1);
            if (k + 1 < run.evaluations()) {
                assertEquals(run.nextAlphaBar(k), run.alphaBar(k + 1), 1e-12, "level after " + k);
            }
            double change = run.nextAlphaBar(k) - run.alphaBar(k);
            assertTrue(ascending() ? change <= 0 : change >= 0, "levels move the wrong way at " + k);
        }
    }

    @Test
    void modelInputAndFromVpAreInverse() {
        SamplingRun run = start();
        Tensor x = DummyData.sample();
        for (int k = 0; k < run.evaluations(); k++) {
            assertTrue(Tensors.maxAbsDiff(x, run.fromVp(run.modelInput(x, k), k)) < 1e-5);
        }
    }

    @Test
    void addNoiseReachesTheVariancePreservingLevel() {
        // The network must see sqrt(abar) x0 + sqrt(1 - abar) z whatever space the sampler works in.
        SamplingRun run = start();
        Tensor x0 = DummyData.sample();
        Tensor z = DummyData.noise();
        for (int k = 0; k < run.evaluations(); k++) {
            double ab = run.alphaBar(k);
            Tensor expected = Tensors.axpby(Math.sqrt(ab), x0, Math.sqrt(1 - ab), z);
            assertTrue(Tensors.maxAbsDiff(expected, run.modelInput(run.addNoise(x0, z, k), k)) < 1e-5);
        }
    }

    @Test
    void anOracleDenoiserLeadsToItsCleanSample() {
        // A model that always predicts the true x0 must be followed to x0 by every generating sampler.
        SamplingRun run = start();
        Tensor x0 = Tensors.scale(0.5, DummyData.sample());
        Tensor x = run.addNoise(x0, DummyData.noise(), 0);
        GaussianNoise noise = new GaussianNoise(3);
        for (int k = 0; k < run.evaluations(); k++) {
            Prediction p = Prediction.fromX0(x0, run.modelInput(x, k), run.alphaBar(k));
            x = run.step(p, k, x, noise);
        }
        assertEquals(1.0, run.nextAlphaBar(run.evaluations() - 1), 1e-12, "default settings end clean");
        assertTrue(Tensors.maxAbsDiff(x0, x) < 1e-4, "distance " + Tensors.maxAbsDiff(x0, x));
    }

    @Test
    void sameSeedReproducesTheRun() {
        Tensor a = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 42);
        Tensor b = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 42);
        assertArrayEquals(a.data(), b.data());
        assertTrue(Tensors.allFinite(a));
    }

    @Test
    void startStepRunsTheTailOfTheFullRun() {
        SamplingRun full = start();
        SamplingRun tail = sampler().start(LINEAR, settings().withStartStep(4));
        assertEquals(full.steps() - 4, tail.steps());
        int offset = full.evaluations() - tail.evaluations();
        for (int k = 0; k < tail.evaluations(); k++) {
            assertEquals(full.timestep(offset + k), tail.timestep(k));
            assertEquals(full.alphaBar(offset + k), tail.alphaBar(k), 1e-12);
        }
    }

    @Test
    void aLowestTimestepEndsTheRunAboveItStillClean() {
        SamplingRun full = start();
        int lowest = 250;
        SamplingRun run = sampler().start(LINEAR, settings().withLowestTimestep(lowest));
        if (ascending()) { // inversion walks its whole grid
            assertEquals(full.evaluations(), run.evaluations());
            return;
        }
        assertTrue(run.evaluations() < full.evaluations(), run.evaluations() + " of " + full.evaluations());
        for (int k = 0; k < run.evaluations(); k++) {
            assertTrue(run.fractionalTimestep(k) >= lowest, "evaluation " + k + " at " + run.fractionalTimestep(k));
            assertEquals(full.fractionalTimestep(k), run.fractionalTimestep(k), 1e-12, "the full run's prefix");
        }
        assertTrue(full.fractionalTimestep(run.evaluations()) < lowest, "only the timesteps below are dropped");
        // an oracle is still followed to its clean sample: the last step jumps to the end level
        Tensor x0 = Tensors.scale(0.5, DummyData.sample());
        Tensor x = run.addNoise(x0, DummyData.noise(), 0);
        GaussianNoise noise = new GaussianNoise(3);
        for (int k = 0; k < run.evaluations(); k++) {
            x = run.step(Prediction.fromX0(x0, run.modelInput(x, k), run.alphaBar(k)), k, x, noise);
        }
        assertEquals(1.0, run.nextAlphaBar(run.evaluations() - 1), 1e-12);
        assertTrue(Tensors.maxAbsDiff(x0, x) < 1e-4, "distance " + Tensors.maxAbsDiff(x0, x));
    }

    @Test
    void aLowestTimestepAboveTheWholeRunKeepsItsFirstStep() {
        if (ascending()) {
            return;
        }
        int steps = start().steps();
        SamplingRun tail = sampler().start(LINEAR, settings().withStartStep(steps - 2));
        SamplingRun ended = sampler().start(LINEAR, settings().withStartStep(steps - 2)
                .withLowestTimestep(LINEAR.trainTimesteps() - 1));
        assertEquals(1, ended.steps());
        assertEquals(tail.fractionalTimestep(0), ended.fractionalTimestep(0), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> sampler().start(LINEAR, settings().withLowestTimestep(LINEAR.trainTimesteps())));
        assertThrows(IllegalArgumentException.class, () -> settings().withLowestTimestep(-1));
    }

    @Test
    void tooManyStepsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler().start(NoiseSchedule.linear(20, 1e-4, 0.02), SamplerSettings.steps(21)));
        assertTrue(e.getMessage().contains("cannot exceed"), e.getMessage());
    }

    @Test
    void explicitTimestepsOutOfRangeAreRejected() {
        int bad = LINEAR.trainTimesteps();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler().start(LINEAR, settings().withTimesteps(bad, 0)));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void hasAName() {
        assertTrue(!sampler().name().isBlank());
    }
}
