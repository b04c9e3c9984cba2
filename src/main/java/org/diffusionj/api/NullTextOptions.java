package org.diffusionj.api;

/** Null-text inversion options (Mokady et al. 2023): defaults are the paper's. */
public class NullTextOptions extends Options {
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
}
