package org.diffusionj.api;

import org.diffusionj.engine.sampler.ResamplingPlan;
import org.diffusionj.engine.schedule.TimestepSpacing;

/**
 * Inpainting options: mask grow / feather in pixels, RePaint resampling, where sampling starts and whether
 * several draws are weighed against the smooth (harmonic) fill.
 */
public class InpaintOptions extends Options {
    public static final Range GROW = Range.whole("grow", 0, 10_000);
    public static final Range FEATHER = Range.whole("feather", 0, 10_000);
    public static final Range JUMP_LENGTH = Range.whole("jumpLength", 0, 1000);
    public static final Range JUMP_REPEATS = Range.whole("jumpRepeats", 1, 100);
    public static final Range START = Range.number("start", 0, 1);
    public static final Range RERUN = Range.number("rerun", 0, 0.9);

    /** Pixels added around the mask before filling. */
    public int grow = 0;
    /** Width in pixels of the soft transition at the mask border. */
    public int feather = 0;
    /** RePaint jump length in steps (0 = no RePaint jumps; see {@link #resamplingPlan()} for the final one). */
    public int jumpLength = 0;
    /** RePaint: how many times each jump is repeated. */
    public int jumpRepeats = 1;
    /**
     * The noise level sampling starts from, as a fraction of the steps in [0, 1]: 1 starts from pure noise (free
     * synthesis, for large holes); lower values start from the smooth harmonic fill noised to that level and run
     * only that fraction of the steps (faster, and more faithful on thin defects: 0.3 is a good choice there);
     * 0 returns the harmonic fill.
     */
    public double start = 1;
    /**
     * With {@code samples} above 1: weigh the draws' mean against the harmonic fill by their measured error
     * variances (the fill wins on smooth images, the draws on textured ones); false returns the plain mean. The
     * standard-deviation image stays the draws' own spread either way.
     */
    public boolean blend = true;
    /**
     * From pure noise with DDIM or DDPM: the share of the steps run a second time at the end, from the finished
     * fill noised back (see {@link #resamplingPlan()}); 0 = none, which saves their time (38 % of the network's
     * evaluations at the default).
     */
    public double rerun = FINAL_JUMP;

    /**
     * CUBIC from pure noise with DDIM or DDPM (steps crowded at low noise: measured better on thin defects and holes,
     * see {@link TimestepSpacing#CUBIC}); otherwise LEADING, so that {@code start} keeps meaning a fraction of the
     * noise levels and RePaint's jumps stay even.
     */
    @Override
    TimestepSpacing spacing() {
        return start == 1 && !resamples() && stepsToListedTimesteps() ? TimestepSpacing.CUBIC
                : TimestepSpacing.LEADING;
    }

    /**
     * The default share of the levels that sampling from pure noise goes back over once it has finished ({@link
     * #rerun}, see {@link #resamplingPlan()}): 19 of 50 steps, from the finished sample back to timestep 49 on the
     * cubic grid.
     */
    public static final double FINAL_JUMP = 0.38;

    /**
     * RePaint's jumps when they are asked for; otherwise, from pure noise with DDIM or DDPM (the cubic grid), one
     * final jump ({@link ResamplingPlan#finalJump}): the finished fill is noised back to a low level and the last
     * steps run again. With DDNM's projection the network sees the known pixels only noised, so a thin defect's
     * values are fixed at low noise while its surroundings were still guesses; the second pass sees the first
     * one's finished fill around them. Measured ({@code ./diffusion eval --task inpainting --samples 1
     * --defect-start 1 --crops 3}: one draw, 50 steps, model 1.4, 18 held-out crops, seed 1; the fill 30.34 /
     * 31.87 / 29.66 / 28.55): dead lines / scan lines / scratches / spots 29.73 / 32.13 / 29.22 / 28.99 dB without,
     * 30.03 / 32.29 / 29.66 / 29.19 with, the 24-pixel hole 16.24 -> 16.54 dB inside; seed 2 alike (README,
     * Measured so far). It costs 38 % more evaluations; 69 plain steps, the same time, did less (29.94 / 32.03 /
     * 29.32 / 29.03). {@link #rerun} sets its share of the steps; 0 makes none.
     */
    public ResamplingPlan resamplingPlan() {
        if (resamples()) {
            return ResamplingPlan.repaint(jumpLength, jumpRepeats);
        }
        return spacing() == TimestepSpacing.CUBIC && rerun > 0 ? ResamplingPlan.finalJump(rerun)
                : ResamplingPlan.none();
    }

    /** DDIM or DDPM: samplers that step from one listed timestep to the next (RePaint and the cubic grid need it). */
    private boolean stepsToListedTimesteps() {
        return sampler.trim().equalsIgnoreCase("ddim") || sampler.trim().equalsIgnoreCase("ddpm");
    }

    /** Whether RePaint resampling is asked for (a jump length and more than one repeat). */
    public boolean resamples() {
        return jumpLength > 0 && jumpRepeats > 1;
    }

    @Override
    public void check() {
        super.check();
        GROW.check(grow);
        FEATHER.check(feather);
        JUMP_LENGTH.check(jumpLength);
        JUMP_REPEATS.check(jumpRepeats);
        START.check(start);
        RERUN.check(rerun);
        if (resamples() && !stepsToListedTimesteps()) {
            throw new IllegalArgumentException("RePaint resampling (jumpLength > 0) needs the ddim or ddpm sampler, got "
                    + sampler);
        }
    }
}
