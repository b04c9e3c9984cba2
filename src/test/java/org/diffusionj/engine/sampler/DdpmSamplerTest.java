package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;
import org.junit.jupiter.api.Test;

/**
 * DDPM. diffusers' full-loop vectors draw their noise from torch's generator, which we do not reproduce, so
 * the step is checked against the equations with our own seeded noise, and the variances against diffusers.
 */
class DdpmSamplerTest extends SamplerContractTest {

    @Override
    Sampler sampler() {
        return new DdpmSampler();
    }

    @Test
    void varianceMatchesDiffusers() {
        assertEquals(0.0, DdpmSampler.variance(LINEAR.alphaBar(0), 1.0, VarianceType.FIXED_SMALL), 1e-5);
        assertEquals(0.00979, DdpmSampler.variance(LINEAR.alphaBar(487), LINEAR.alphaBar(486),
                VarianceType.FIXED_SMALL), 1e-5);
        assertEquals(0.02, DdpmSampler.variance(LINEAR.alphaBar(999), LINEAR.alphaBar(998),
                VarianceType.FIXED_SMALL), 1e-5);
        assertEquals(LINEAR.beta(487), DdpmSampler.variance(LINEAR.alphaBar(487), LINEAR.alphaBar(486),
                VarianceType.FIXED_LARGE), 1e-7);
    }

    @Test
    void stepIsThePosteriorMeanPlusScaledNoise() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(1000));
        int k = 1000 - 1 - 500;
        assertEquals(500, run.timestep(k));
        Tensor x = DummyData.sample();
        Tensor eps = DummyData.noise();
        Prediction p = Prediction.fromEps(eps, x, run.alphaBar(k));
        Tensor out = run.step(p, k, x, new GaussianNoise(5));
        // DDPM eq. (7), with beta_t from the schedule itself
        double beta = LINEAR.beta(500);
        double ab = LINEAR.alphaBar(500);
        double abPrev = LINEAR.alphaBar(499);
        Tensor mean = Tensors.axpby(Math.sqrt(abPrev) * beta / (1 - ab), p.x0(),
                Math.sqrt(1 - beta) * (1 - abPrev) / (1 - ab), x);
        double std = Math.sqrt((1 - abPrev) / (1 - ab) * beta);
        Tensor expected = Tensors.axpby(1, mean, std, new GaussianNoise(5).nextLike(x));
        assertTrue(Tensors.maxAbsDiff(expected, out) < 1e-5);
    }

    @Test
    void lastStepAddsNoNoise() {
        SamplingRun run = start();
        int last = run.evaluations() - 1;
        Prediction p = Prediction.fromEps(DummyData.noise(), DummyData.sample(), run.alphaBar(last));
        Tensor a = run.step(p, last, DummyData.sample(), new GaussianNoise(1));
        Tensor b = run.step(p, last, DummyData.sample(), new GaussianNoise(2));
        assertArrayEquals(a.data(), b.data());
    }

    @Test
    void differentSeedsGiveDifferentSamples() {
        Tensor a = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 1);
        Tensor b = dummyLoop(start(), DummyData.sample(), PredictionType.EPSILON, 2);
        assertTrue(Tensors.maxAbsDiff(a, b) > 1e-3);
    }

    @Test
    void fullScheduleHasOneEvaluationPerTrainingTimestep() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(1000));
        assertEquals(1000, run.evaluations());
        assertEquals(999, run.timestep(0));
        assertEquals(0, run.timestep(999));
    }

    @Test
    void clippingBoundsThePredictedSample() {
        // With clipping, a wildly wrong x0 cannot push the last step (which returns x0) out of [-1, 1].
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(10).withClipSample(true));
        int last = run.evaluations() - 1;
        Tensor x = Tensors.scale(10, DummyData.sample());
        Tensor out = run.step(Prediction.fromX0(x, x, run.alphaBar(last)), last, x, new GaussianNoise(0));
        for (float v : out.data()) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
        }
    }
}
