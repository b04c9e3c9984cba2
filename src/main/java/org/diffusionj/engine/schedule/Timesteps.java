package org.diffusionj.engine.schedule;

import java.util.Arrays;

/** Helpers on timestep grids. */
public final class Timesteps {

    private Timesteps() {
    }

    /**
     * SDEdit (Meng et al. 2022): the tail of an N-step grid that starts at noise level {@code strength}. Keeps
     * the last {@code min(int(N * strength), N)} timesteps, as diffusers' img2img does; strength 0 keeps none
     * (the guide is returned unchanged), strength 1 keeps all (the guide is ignored).
     *
     * @throws IllegalArgumentException for a strength outside [0, 1] (or NaN)
     */
    public static int[] forStrength(int[] timesteps, double strength) {
        int kept = keptSteps(timesteps.length, strength);
        return Arrays.copyOfRange(timesteps, timesteps.length - kept, timesteps.length);
    }

    /**
     * Number of steps SDEdit runs out of {@code steps} at the given strength: {@code min(int(N * strength), N)}.
     *
     * @throws IllegalArgumentException for a strength outside [0, 1] (or NaN)
     */
    public static int keptSteps(int steps, double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must lie in [0, 1], got " + strength);
        }
        return Math.min((int) (steps * strength), steps);
    }

    /** Index of the first step SDEdit runs in an N-step grid: {@code N - keptSteps(N, strength)}. */
    public static int startIndex(int steps, double strength) {
        return steps - keptSteps(steps, strength);
    }
}
