package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

/** DDIM inversion: diffusers' {@code test_scheduler_ddim_inverse.py} vectors and exact reconstruction. */
class DdimInversionTest extends SamplerContractTest {

    private static final SamplerSettings DIFFUSERS = SamplerSettings.steps(10).withClipSample(true);

    @Override
    Sampler sampler() {
        return new DdimInversion();
    }

    @Override
    boolean ascending() {
        return true;
    }

    private static Tensor invert(NoiseSchedule schedule, SamplerSettings settings, PredictionType type) {
        return dummyLoop(new DdimInversion().start(schedule, settings), DummyData.sample(), type, 0);
    }

    @Test
    void fullLoopNoNoise() {
        assertSumMean(invert(LINEAR, DIFFUSERS, PredictionType.EPSILON), 671.6816, 0.8746);
    }

    @Test
    void fullLoopWithVPrediction() {
        assertSumMean(invert(LINEAR, DIFFUSERS, PredictionType.V), 1394.2185, 1.8154);
    }

    @Test
    void fullLoopWithAndWithoutSetAlphaToOne() {
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 0.01, 0.02);
        assertSumMean(invert(schedule, DIFFUSERS, PredictionType.EPSILON), 539.9622, 0.7031);
        assertSumMean(invert(schedule, DIFFUSERS.withSetAlphaToOne(false), PredictionType.EPSILON),
                542.6722, 0.7066);
    }

    @Test
    void gridAscendsWithTheStepsOffset() {
        SamplingRun run = sampler().start(LINEAR, SamplerSettings.steps(5).withStepsOffset(1));
        long[] ts = new long[run.evaluations()];
        Arrays.setAll(ts, run::timestep);
        assertArrayEquals(new long[] {1, 201, 401, 601, 801}, ts);
        assertEquals(1.0, run.alphaBar(0), 0);
        assertEquals(LINEAR.alphaBar(1), run.alphaBar(1), 0);
    }

    @Test
    void samplingRetracesTheInvertedLevelsAndReconstructs() {
        // With a model whose output depends on t only, the eta = 0 DDIM update is an exact affine map, so
        // inversion followed by sampling with the same grid returns the input up to float rounding.
        Denoiser byTimeOnly = (x, t, cond) -> {
            Tensor out = x.zerosLike();
            for (int i = 0; i < out.size(); i++) {
                out.data()[i] = (float) Math.sin(0.01 * t[0] + i);
            }
            return out;
        };
        SamplerSettings settings = SamplerSettings.steps(10);
        SamplingLoop loop = new SamplingLoop(byTimeOnly, PredictionType.EPSILON);
        Tensor x0 = DummyData.sample();
        SamplingRun inversion = new DdimInversion().start(LINEAR, settings);
        Tensor latent = loop.run(inversion, x0, new GaussianNoise(0));
        SamplingRun sampling = new DdimSampler().start(LINEAR, settings);
        for (int k = 0; k < sampling.evaluations(); k++) {
            int mirror = inversion.evaluations() - 1 - k;
            assertEquals(inversion.timestep(mirror), sampling.timestep(k));
            assertEquals(inversion.nextAlphaBar(mirror), sampling.alphaBar(k), 1e-15);
        }
        assertFalse(Tensors.maxAbsDiff(x0, latent) < 0.1, "inversion must move the sample");
        Tensor back = loop.run(sampling, latent, new GaussianNoise(0));
        assertTrue(Tensors.maxAbsDiff(x0, back) < 1e-4, "distance " + Tensors.maxAbsDiff(x0, back));
    }

    /** Not a test here: inversion walks away from x0; the reconstruction test above covers it. */
    @Override
    void anOracleDenoiserLeadsToItsCleanSample() {
    }

    @Test
    void startsFromACleanSampleAndDoesNotResample() {
        SamplingRun run = start();
        assertThrows(UnsupportedOperationException.class, () -> run.initialSample(DummyData.noise()));
        assertFalse(run.supportsResampling());
    }

    @Test
    void explicitTimestepsMustAscend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler().start(LINEAR, SamplerSettings.steps(3).withTimesteps(900, 500, 0)));
        assertTrue(e.getMessage().contains("ascending"), e.getMessage());
    }

    @Override
    @Test
    void explicitTimestepsOutOfRangeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler().start(LINEAR, settings().withTimesteps(0, LINEAR.trainTimesteps())));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }
}
