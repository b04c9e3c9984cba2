package org.diffusionj.api;

/** Null-text inversion options (Mokady et al. 2023): defaults are the paper's. */
public class NullTextOptions extends Options {
    /** The modes, by name. */
    public static final java.util.List<String> MODES = java.util.List.of("exact", "fast", "plain");
    public static final Range INNER = Range.whole("inner", 1, 1000);
    /** Inversion needs at least two steps; the guidance must be at least 1 (the inversion runs unguided). */
    public static final Range STEPS = Range.whole("steps", 2, (long) Options.STEPS.max());
    public static final Range GUIDANCE = Range.number("guidance", 1, Options.GUIDANCE.max());

    /** exact = null-text optimisation; fast = negative-prompt inversion (Miyake et al. 2023). */
    public String mode = "exact";
    /** Adam steps per timestep. */
    public int inner = 10;
    /**
     * How far the condition moves from the source class towards the target: the edit samples under
     * {@code source + strength (target - source)}. 1 = the target class (the paper's prompt swap); 0 reconstructs
     * the image; in between, a gentler edit (guidance multiplies the class difference, so with a small model a full
     * swap can overshoot).
     */
    public double strength = 1.0;

    public NullTextOptions() {
        guidance = 7.5;
        eta = 0;
    }

    @Override
    public Range stepRange() {
        return STEPS;
    }

    @Override
    public Range guidanceRange() {
        return GUIDANCE;
    }

    @Override
    public void check() {
        super.check();
        INNER.check(inner);
        STRENGTH.check(strength);
        if (mode != null && !MODES.contains(mode.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("mode must be exact (null-text), fast (negative-prompt) or plain"
                    + " (DDIM inversion), got '" + mode + "'");
        }
    }
}
