package org.diffusionj.engine.schedule;

/**
 * The noise levels of Karras et al. 2022 ("Elucidating the Design Space of Diffusion-Based Generative
 * Models", eq. 5): {@code sigma_i = (smax^(1/rho) + i/(n-1) (smin^(1/rho) - smax^(1/rho)))^rho}, descending.
 */
public final class KarrasSigmas {

    /** The paper's choice, rho = 7. */
    public static final double DEFAULT_RHO = 7.0;

    private KarrasSigmas() {
    }

    /**
     * {@code n} sigmas from {@code sigmaMax} down to {@code sigmaMin} (the final 0 is not included).
     *
     * @throws IllegalArgumentException for {@code n < 1}, non-positive sigmas, {@code sigmaMin > sigmaMax} or
     *     non-positive rho
     */
    public static double[] sigmas(int n, double sigmaMin, double sigmaMax, double rho) {
        if (n < 1) {
            throw new IllegalArgumentException("Karras sigmas need at least 1 step, got " + n);
        }
        if (!(sigmaMin > 0 && sigmaMax >= sigmaMin)) {
            throw new IllegalArgumentException("Karras sigmas need 0 < sigmaMin <= sigmaMax, got "
                    + sigmaMin + ", " + sigmaMax);
        }
        if (!(rho > 0)) {
            throw new IllegalArgumentException("Karras rho must be positive, got " + rho);
        }
        double maxInv = Math.pow(sigmaMax, 1 / rho);
        double minInv = Math.pow(sigmaMin, 1 / rho);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double ramp = n == 1 ? 0 : (double) i / (n - 1);
            out[i] = Math.pow(maxInv + ramp * (minInv - maxInv), rho);
        }
        return out;
    }

    /** Karras sigmas spanning the whole schedule, {@code sigma(T-1)} down to {@code sigma(0)}, rho = 7. */
    public static double[] forSchedule(NoiseSchedule schedule, int n) {
        return sigmas(n, schedule.sigmaMin(), schedule.sigmaMax(), DEFAULT_RHO);
    }
}
