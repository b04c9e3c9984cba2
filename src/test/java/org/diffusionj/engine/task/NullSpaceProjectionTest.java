package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.sampler.DdimSampler;
import org.diffusionj.engine.sampler.EulerSampler;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.SamplingRun;
import org.junit.jupiter.api.Test;

class NullSpaceProjectionTest {

    private static final GaussianNoise NOISE = new GaussianNoise(11);

    @Test
    void ddnmPlusLambdaAndGammaFollowThePaper() {
        assertEquals(1, NullSpaceProjection.lambda(0.5, 0));
        assertEquals(1, NullSpaceProjection.noiseScale(0.5, 0));
        // sigma_t = sqrt(0.5) >= a_t sigma_y = sqrt(0.5) * 0.5: lambda 1, gamma = sqrt(0.5 - 0.125)
        assertEquals(1, NullSpaceProjection.lambda(0.5, 0.5));
        assertEquals(Math.sqrt(0.375) / Math.sqrt(0.5), NullSpaceProjection.noiseScale(0.5, 0.5), 1e-12);
        // low noise level: sigma_t = 0.1 < a_t sigma_y = sqrt(0.99) * 0.2: lambda = sigma_t / (a_t sigma_y)
        assertEquals(0.1 / (Math.sqrt(0.99) * 0.2), NullSpaceProjection.lambda(0.99, 0.2), 1e-12);
        assertEquals(0, NullSpaceProjection.noiseScale(0.99, 0.2));
        // the clean level: no correction of a noisy observation at all
        assertEquals(0, NullSpaceProjection.lambda(1, 0.1));
    }

    @Test
    void predictionHookProjectsX0AndKeepsEps() {
        SamplingRun run = new DdimSampler().start(GaussianPriorDenoiser.SCHEDULE, SamplerSettings.steps(10));
        AveragePool a = new AveragePool(2);
        Tensor y = a.apply(NOISE.next(1, 3, 4, 4));
        NullSpaceProjection hook = new NullSpaceProjection(a, y, 0, run);
        Prediction p = new Prediction(NOISE.next(1, 3, 4, 4), NOISE.next(1, 3, 4, 4));
        Prediction q = hook.apply(p, 0, p.x0());
        assertEquals(0, Tensors.maxAbsDiff(a.apply(q.x0()), y), 1e-6);
        assertSame(p.eps(), q.eps());
        assertTrue(!hook.scalesNoise());
        Tensor x = NOISE.next(1, 3, 4, 4);
        assertSame(x, hook.apply(x, 0));
    }

    /** A noisy observation: lambda from y's noise at its level in A+ y, 2 sigma_y for 2 x 2 blocks. */
    @Test
    void predictionHookTakesTheNoiseAtItsLevelInThePseudoInverse() {
        SamplingRun run = new DdimSampler().start(GaussianPriorDenoiser.SCHEDULE, SamplerSettings.steps(10));
        AveragePool a = new AveragePool(2);
        double sigmaY = 0.3;
        Tensor y = a.apply(NOISE.next(1, 1, 4, 4));
        NullSpaceProjection hook = new NullSpaceProjection(a, y, sigmaY, run);
        Prediction p = new Prediction(NOISE.next(1, 1, 4, 4), NOISE.next(1, 1, 4, 4));
        int k = 8;
        double lambda = NullSpaceProjection.lambda(run.nextAlphaBar(k), 2 * sigmaY);
        assertTrue(lambda > 0 && lambda < 1 && lambda != NullSpaceProjection.lambda(run.nextAlphaBar(k), sigmaY),
                "a step where the level matters: lambda " + lambda);
        Tensor expected = NullSpaceProjection.project(a, p.x0(), y, lambda);
        assertEquals(0, Tensors.maxAbsDiff(hook.apply(p, k, p.x0()).x0(), expected), 1e-6);
    }

    @Test
    void sampleHookScalesOnlyTheRangeSpaceNoise() {
        SamplingRun run = new DdimSampler().start(GaussianPriorDenoiser.SCHEDULE, SamplerSettings.steps(10));
        AveragePool a = new AveragePool(2);
        double sigmaY = 0.3;
        NullSpaceProjection hook = new NullSpaceProjection(a, a.apply(NOISE.next(1, 1, 4, 4)), sigmaY, run);
        Prediction p = hook.apply(new Prediction(NOISE.next(1, 1, 4, 4), NOISE.next(1, 1, 4, 4)), 3,
                NOISE.next(1, 1, 4, 4));
        double ab = run.nextAlphaBar(3);
        Tensor noise = NOISE.next(1, 1, 4, 4);
        Tensor x = Tensors.axpby(Math.sqrt(ab), p.x0(), Math.sqrt(1 - ab), noise);
        Tensor out = hook.apply(x, 3);
        Tensor changed = Tensors.axpby(1, out, -Math.sqrt(ab), p.x0());
        Tensor before = Tensors.scale(Math.sqrt(1 - ab), noise);
        // y's noise sigma_y is sigma_y / s = 2 sigma_y on each 2 x 2 block's component of A+ y
        double scale = NullSpaceProjection.noiseScale(ab, sigmaY / a.singularValue());
        assertEquals(2 * sigmaY, sigmaY / a.singularValue(), 1e-12);
        assertTrue(scale > 0 && scale < 1, "scale " + scale);
        // null-space part unchanged, range-space part scaled
        Tensor nullBefore = Tensors.sub(before, a.pseudoInverse(a.apply(before)));
        Tensor nullAfter = Tensors.sub(changed, a.pseudoInverse(a.apply(changed)));
        assertEquals(0, Tensors.maxAbsDiff(nullBefore, nullAfter), 1e-5);
        assertEquals(0, Tensors.maxAbsDiff(Tensors.scale(scale, a.apply(before)), a.apply(changed)), 1e-5);
    }

    @Test
    void sampleHookWorksInTheVarianceExplodingSpaceToo() {
        SamplingRun run = new EulerSampler().start(GaussianPriorDenoiser.SCHEDULE, SamplerSettings.steps(10));
        LumaOperator a = new LumaOperator();
        NullSpaceProjection hook = new NullSpaceProjection(a, a.apply(NOISE.next(1, 3, 2, 2)), 0.2, run);
        Prediction p = hook.apply(new Prediction(NOISE.next(1, 3, 2, 2), NOISE.next(1, 3, 2, 2)), 2,
                NOISE.next(1, 3, 2, 2));
        double ab = run.nextAlphaBar(2);
        double sigma = Math.sqrt((1 - ab) / ab);
        Tensor noise = NOISE.next(1, 3, 2, 2);
        Tensor x = Tensors.axpby(1, p.x0(), sigma, noise);
        Tensor changed = Tensors.sub(hook.apply(x, 2), p.x0());
        double scale = NullSpaceProjection.noiseScale(ab, 0.2);
        Tensor before = Tensors.scale(sigma, noise);
        assertEquals(0, Tensors.maxAbsDiff(Tensors.scale(scale, a.apply(before)), a.apply(changed)), 1e-4);
    }

    @Test
    void rejectsMissingPartsAndBadNoise() {
        SamplingRun run = new DdimSampler().start(GaussianPriorDenoiser.SCHEDULE, SamplerSettings.steps(2));
        Tensor y = new Tensor(1, 1, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> new NullSpaceProjection(null, y, 0, run));
        assertThrows(IllegalArgumentException.class,
                () -> new NullSpaceProjection(new AveragePool(2), y, Double.NaN, run));
        assertThrows(IllegalArgumentException.class, () -> new NullSpaceProjection(new AveragePool(2), y, -1, run));
    }
}
