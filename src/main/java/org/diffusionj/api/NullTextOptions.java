package org.diffusionj.api;

/** Null-text inversion options (Mokady et al. 2023): defaults are the paper's. */
public class NullTextOptions extends Options {
    /** exact = null-text optimisation; fast = negative-prompt inversion (Miyake et al. 2023). */
    public String mode = "exact";
    /** Adam steps per timestep. */
    public int inner = 10;

    public NullTextOptions() {
        guidance = 7.5;
        eta = 0;
    }
}
