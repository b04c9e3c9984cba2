package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.schedule.NoiseSchedule;
import org.diffusionj.engine.schedule.TimestepSpacing;
import org.junit.jupiter.api.Test;

class SamplerSettingsTest {

    private static void assertRejected(Runnable r, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void zeroOrNegativeStepsAreRejected() {
        assertRejected(() -> SamplerSettings.steps(0), "at least 1, got 0");
        assertRejected(() -> SamplerSettings.steps(10).withSteps(-3), "got -3");
    }

    @Test
    void invalidOptionsAreRejected() {
        assertRejected(() -> SamplerSettings.steps(10).withEta(Double.NaN), "eta");
        assertRejected(() -> SamplerSettings.steps(10).withStepsOffset(-1), "offset");
        assertRejected(() -> SamplerSettings.steps(10).withStartStep(-1), "start step");
        assertRejected(() -> SamplerSettings.steps(10).withTimesteps(), "empty");
        assertRejected(() -> SamplerSettings.steps(10).withSpacing(null), "spacing");
    }

    @Test
    void scheduleDependentChecksHappenAtStart() {
        NoiseSchedule schedule = NoiseSchedule.linear(100, 1e-4, 0.02);
        Sampler ddim = new DdimSampler();
        assertRejected(() -> ddim.start(schedule, SamplerSettings.steps(101)), "cannot exceed");
        assertRejected(() -> ddim.start(schedule, SamplerSettings.steps(10).withStartStep(11)), "start step 11");
        assertRejected(() -> ddim.start(schedule, SamplerSettings.steps(10).withStepsOffset(20)), "beyond T-1");
    }

    @Test
    void withersKeepTheOtherOptions() {
        SamplerSettings s = SamplerSettings.steps(20).withLowestTimestep(40).withEta(0.5)
                .withSpacing(TimestepSpacing.TRAILING).withClipSample(true).withKarrasSigmas(true)
                .withSetAlphaToOne(false).withVarianceType(VarianceType.FIXED_LARGE).withStartStep(3).withStepsOffset(1)
                .withLowerOrderFinal(false);
        assertEquals(20, s.steps());
        assertEquals(0.5, s.eta());
        assertEquals(TimestepSpacing.TRAILING, s.spacing());
        assertTrue(s.clipSample() && s.karrasSigmas() && !s.setAlphaToOne());
        assertEquals(VarianceType.FIXED_LARGE, s.varianceType());
        assertEquals(3, s.startStep());
        assertEquals(1, s.stepsOffset());
        assertEquals(40, s.lowestTimestep());
        SamplerSettings explicit = s.withTimesteps(30, 20, 10);
        assertEquals(3, explicit.steps());
        assertEquals(40, explicit.lowestTimestep());
        assertArrayEquals(new int[] {30, 20, 10}, explicit.timesteps());
    }
}
