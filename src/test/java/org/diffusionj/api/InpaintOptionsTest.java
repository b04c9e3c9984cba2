package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionj.engine.sampler.ResamplingPlan;
import org.diffusionj.engine.schedule.TimestepSpacing;
import org.junit.jupiter.api.Test;

class InpaintOptionsTest {

    /** The cubic grid only where it was measured: from pure noise, DDIM or DDPM, no RePaint. */
    @Test
    void inpaintingFromPureNoiseCrowdsItsStepsAtLowNoise() {
        assertEquals(TimestepSpacing.CUBIC, new InpaintOptions().spacing());
        InpaintOptions ddpm = new InpaintOptions();
        ddpm.sampler = "DDPM";
        assertEquals(TimestepSpacing.CUBIC, ddpm.spacing());
        InpaintOptions partial = new InpaintOptions();
        partial.start = 0.3;
        assertEquals(TimestepSpacing.LEADING, partial.spacing(), "start keeps meaning a fraction of the levels");
        InpaintOptions repaint = new InpaintOptions();
        repaint.jumpLength = 10;
        repaint.jumpRepeats = 5;
        assertEquals(TimestepSpacing.LEADING, repaint.spacing());
        InpaintOptions euler = new InpaintOptions();
        euler.sampler = "euler";
        assertEquals(TimestepSpacing.LEADING, euler.spacing());
        assertEquals(TimestepSpacing.LEADING, new SuperResolutionOptions().spacing());
        assertEquals(TimestepSpacing.LEADING, new DenoiseOptions().spacing());
    }

    /** The final jump goes with the cubic grid (from pure noise, DDIM or DDPM); asked-for RePaint jumps replace it. */
    @Test
    void fromPureNoiseTheLastStepsRunTwice() {
        assertEquals(69, new InpaintOptions().resamplingPlan().evaluations(50));
        InpaintOptions ddpm = new InpaintOptions();
        ddpm.sampler = "ddpm";
        assertEquals(69, ddpm.resamplingPlan().evaluations(50));
        InpaintOptions partial = new InpaintOptions();
        partial.start = 0.3;
        assertEquals(ResamplingPlan.none(), partial.resamplingPlan());
        InpaintOptions euler = new InpaintOptions();
        euler.sampler = "euler";
        assertEquals(ResamplingPlan.none(), euler.resamplingPlan());
        InpaintOptions repaint = new InpaintOptions();
        repaint.jumpLength = 10;
        repaint.jumpRepeats = 5;
        assertEquals(ResamplingPlan.repaint(10, 5).evaluations(50), repaint.resamplingPlan().evaluations(50));
        assertEquals(ResamplingPlan.repaint(10, 5).toString(), repaint.resamplingPlan().toString());
        InpaintOptions oneRepeat = new InpaintOptions();
        oneRepeat.jumpLength = 10; // one repeat is no RePaint resampling: the final jump stays
        assertEquals(ResamplingPlan.finalJump(0.38).toString(), oneRepeat.resamplingPlan().toString());
    }
}
