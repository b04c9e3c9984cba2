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

    /** {@code rerun} sets the final jump's share of the steps; 0 turns it off; outside [0, 0.9] is refused. */
    @Test
    void rerunSetsTheShareOfStepsRunTwiceAndZeroTurnsItOff() {
        InpaintOptions off = new InpaintOptions();
        off.rerun = 0;
        assertEquals(ResamplingPlan.none(), off.resamplingPlan());
        assertEquals(TimestepSpacing.CUBIC, off.spacing(), "without the jump the steps stay on the cubic grid");
        off.check();
        InpaintOptions fifth = new InpaintOptions();
        fifth.rerun = 0.2;
        assertEquals(60, fifth.resamplingPlan().evaluations(50));
        for (double bad : new double[] {-0.1, 0.95, Double.NaN}) {
            InpaintOptions o = new InpaintOptions();
            o.rerun = bad;
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    o::check);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("rerun"), e.getMessage());
        }
    }
}
