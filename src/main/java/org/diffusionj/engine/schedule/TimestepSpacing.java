package org.diffusionj.engine.schedule;

import java.util.Locale;

/**
 * How N sampling steps are laid over T training timesteps (Lin et al. 2024, "Common Diffusion Noise
 * Schedules and Sample Steps are Flawed", Table 2). Grids are returned in descending order.
 */
public enum TimestepSpacing {

    /** {@code arange(N) * (T // N)} reversed, plus the steps offset: [900, ..., 0] for T = 1000, N = 10. */
    LEADING,
    /** {@code round(arange(T, 0, -T/N)) - 1}: [999, 899, ..., 99] for T = 1000, N = 10. */
    TRAILING,
    /** {@code round(linspace(0, T-1, N))} reversed: [999, 888, ..., 0] for T = 1000, N = 10. */
    LINSPACE,
    /**
     * From LEADING's first timestep {@code t_0 = (N - 1) (T // N)} down to 0 along {@code t_0 (i / (N - 1))^3},
     * rounded and kept strictly decreasing (at least one timestep apart): [900, 632, 423, 267, 154, 79, 33, 10, 1,
     * 0] for T = 1000, N = 10. The steps crowd the low noise levels, where an inpainting's fine structure is
     * decided, as DDIM's quadratic selection does (Song et al. 2021, appendix D.2) and Karras et al. 2022 (eq. 5,
     * rho = 7) for sigmas. Measured for inpainting from pure noise ({@code ./diffusion eval --task inpainting
     * --samples 1 --defect-start 1}, 50 steps): 0.4-0.8 dB more on thin defects and 2 dB more in 24-pixel holes than
     * LEADING; super-resolution lost 0.1-0.2 dB with it, so only inpainting uses it.
     */
    CUBIC;

    /**
     * The integer grid, descending. {@code offset} (diffusers' {@code steps_offset}) shifts the LEADING grid
     * only, as in diffusers. A single LINSPACE step is placed at T-1 (the noisiest level) rather than at 0.
     *
     * @throws IllegalArgumentException for {@code steps <= 0}, {@code steps > T}, a negative offset or an
     *     offset that pushes the grid past T-1
     */
    public int[] timesteps(int trainTimesteps, int steps, int offset) {
        double[] f = fractionalTimesteps(trainTimesteps, steps, offset);
        int[] out = new int[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = (int) Math.rint(f[i]);
        }
        return out;
    }

    /**
     * The grid before rounding, descending: identical to {@link #timesteps} except for LINSPACE, whose points
     * are left fractional (diffusers' Euler and Heun schedulers interpolate sigma there).
     */
    public double[] fractionalTimesteps(int trainTimesteps, int steps, int offset) {
        checkSteps(trainTimesteps, steps);
        if (offset < 0) {
            throw new IllegalArgumentException("steps offset must be >= 0, got " + offset);
        }
        double[] out = new double[steps];
        switch (this) {
            case LEADING:
                int ratio = trainTimesteps / steps;
                for (int i = 0; i < steps; i++) {
                    out[i] = (steps - 1 - i) * ratio + offset;
                }
                if (out[0] > trainTimesteps - 1) {
                    throw new IllegalArgumentException("steps offset " + offset + " moves the first timestep to "
                            + (int) out[0] + ", beyond T-1 = " + (trainTimesteps - 1));
                }
                break;
            case TRAILING:
                double stride = (double) trainTimesteps / steps;
                for (int i = 0; i < steps; i++) {
                    out[i] = Math.rint(trainTimesteps - i * stride) - 1;
                }
                break;
            case CUBIC:
                double top = (steps - 1) * (trainTimesteps / steps);
                double previous = -1;
                for (int i = 0; i < steps; i++) {
                    double t = Math.max(previous + 1, Math.rint(top * Math.pow(i / Math.max(1.0, steps - 1), 3)));
                    out[steps - 1 - i] = t;
                    previous = t;
                }
                break;
            default:
                if (steps == 1) {
                    out[0] = trainTimesteps - 1;
                    break;
                }
                double step = (trainTimesteps - 1.0) / (steps - 1);
                for (int i = 0; i < steps; i++) {
                    out[steps - 1 - i] = i == steps - 1 ? trainTimesteps - 1 : i * step;
                }
                break;
        }
        return out;
    }

    /**
     * Checks a step count against the number of training timesteps.
     *
     * @throws IllegalArgumentException for {@code steps <= 0} or {@code steps > T}
     */
    public static void checkSteps(int trainTimesteps, int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("Number of sampling steps must be at least 1, got " + steps);
        }
        if (steps > trainTimesteps) {
            throw new IllegalArgumentException("Number of sampling steps (" + steps
                    + ") cannot exceed the number of training timesteps T = " + trainTimesteps);
        }
    }

    /**
     * A spacing by name ({@code leading}, {@code trailing}, {@code linspace}, {@code cubic}; case-insensitive).
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones
     */
    public static TimestepSpacing fromName(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (TimestepSpacing s : values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown timestep spacing '" + name
                + "'; valid: leading, trailing, linspace, cubic");
    }

    /** The lower-case name used in settings and macros. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
