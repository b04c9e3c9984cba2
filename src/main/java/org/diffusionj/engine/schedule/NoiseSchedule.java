package org.diffusionj.engine.schedule;

import java.util.List;
import java.util.Locale;

/**
 * An immutable discrete variance-preserving noise schedule: betas and the cumulative products
 * {@code alphaBar[t] = prod_{i <= t} (1 - beta_i)} for {@code t = 0 .. T-1}.
 *
 * <p>Betas and {@code 1 - beta} are rounded to float32 as PyTorch computes them (so the tables equal those of
 * a model trained in float32 and the diffusers conformance vectors match); the cumulative product is then
 * accumulated in double, as PyTorch does on the CPU, and every derived table is kept in double. Per-run state
 * (a timestep grid, a solver history) never lives here.
 */
public final class NoiseSchedule {

    /** Names accepted by {@link #fromName}. */
    public static final List<String> KINDS = List.of("linear", "scaled_linear", "cosine");

    private static final double COSINE_OFFSET = 0.008;
    private static final double MAX_COSINE_BETA = 0.999;

    private final String kind;
    private final double[] betas;
    private final double[] alphaBars;
    private final double[] logSigmas;

    private NoiseSchedule(String kind, float[] betas32) {
        int n = betas32.length;
        this.kind = kind;
        this.betas = new double[n];
        this.alphaBars = new double[n];
        this.logSigmas = new double[n];
        double product = 1;
        for (int t = 0; t < n; t++) {
            betas[t] = betas32[t];
            product *= 1f - betas32[t];
            alphaBars[t] = product;
            logSigmas[t] = Math.log(Math.sqrt((1 - product) / product));
        }
    }

    /** DDPM's linear schedule: betas = linspace(start, end, T) (Ho et al. 2020 use 1e-4 .. 0.02, T = 1000). */
    public static NoiseSchedule linear(int trainTimesteps, double betaStart, double betaEnd) {
        checkRange("linear", trainTimesteps, betaStart, betaEnd);
        return new NoiseSchedule("linear", Float32Linspace.of(betaStart, betaEnd, trainTimesteps));
    }

    /** Stable Diffusion's schedule: betas = linspace(sqrt(start), sqrt(end), T)^2 (e.g. 0.00085 .. 0.012). */
    public static NoiseSchedule scaledLinear(int trainTimesteps, double betaStart, double betaEnd) {
        checkRange("scaled_linear", trainTimesteps, betaStart, betaEnd);
        float[] roots = Float32Linspace.of(Math.sqrt(betaStart), Math.sqrt(betaEnd), trainTimesteps);
        float[] b = new float[trainTimesteps];
        for (int i = 0; i < b.length; i++) {
            b[i] = roots[i] * roots[i];
        }
        return new NoiseSchedule("scaled_linear", b);
    }

    /**
     * Improved DDPM's cosine schedule (Nichol and Dhariwal 2021, eq. 17; diffusers' {@code squaredcos_cap_v2}):
     * {@code abar(t) = cos(((t/T) + s) / (1 + s) * pi/2)^2}, s = 0.008, betas capped at 0.999.
     */
    public static NoiseSchedule cosine(int trainTimesteps) {
        checkTimesteps(trainTimesteps);
        float[] b = new float[trainTimesteps];
        for (int i = 0; i < trainTimesteps; i++) {
            double ratio = cosineAlphaBar((i + 1.0) / trainTimesteps) / cosineAlphaBar((double) i / trainTimesteps);
            b[i] = (float) Math.min(1 - ratio, MAX_COSINE_BETA);
        }
        return new NoiseSchedule("cosine", b);
    }

    /**
     * A schedule by name: {@code linear}, {@code scaled_linear} or {@code cosine} (alias
     * {@code squaredcos_cap_v2}; the beta range is ignored for it). Case-insensitive.
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones
     */
    public static NoiseSchedule fromName(String kind, int trainTimesteps, double betaStart, double betaEnd) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "linear":
                return linear(trainTimesteps, betaStart, betaEnd);
            case "scaled_linear":
                return scaledLinear(trainTimesteps, betaStart, betaEnd);
            case "cosine":
            case "squaredcos_cap_v2":
                return cosine(trainTimesteps);
            default:
                throw new IllegalArgumentException("Unknown noise schedule '" + kind + "'; valid: "
                        + String.join(", ", KINDS) + " (alias squaredcos_cap_v2)");
        }
    }

    private static double cosineAlphaBar(double tOverT) {
        double c = Math.cos((tOverT + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2);
        return c * c;
    }

    private static void checkTimesteps(int trainTimesteps) {
        if (trainTimesteps < 1) {
            throw new IllegalArgumentException("Number of training timesteps T must be at least 1, got "
                    + trainTimesteps);
        }
    }

    private static void checkRange(String kind, int trainTimesteps, double betaStart, double betaEnd) {
        checkTimesteps(trainTimesteps);
        if (!(betaStart > 0 && betaStart < 1 && betaEnd > 0 && betaEnd < 1)) {
            throw new IllegalArgumentException("Betas of a " + kind + " schedule must lie in (0, 1), got "
                    + betaStart + " .. " + betaEnd);
        }
    }

    /** The schedule's name, as accepted by {@link #fromName}. */
    public String kind() {
        return kind;
    }

    /** Number of training timesteps T. */
    public int trainTimesteps() {
        return betas.length;
    }

    public double beta(int t) {
        return betas[t];
    }

    /** {@code alphaBar[t]} for {@code t} in {@code [0, T)}. */
    public double alphaBar(int t) {
        return alphaBars[t];
    }

    /** A copy of the betas. */
    public double[] betas() {
        return betas.clone();
    }

    /** A copy of the cumulative products alphaBar. */
    public double[] alphasCumprod() {
        return alphaBars.clone();
    }

    /** Noise level of the equivalent variance-exploding process, {@code sqrt((1 - abar) / abar)}. */
    public double sigma(int t) {
        return Math.exp(logSigmas[t]);
    }

    /** Sigma at timestep 0, the smallest noise level of the schedule. */
    public double sigmaMin() {
        return sigma(0);
    }

    /** Sigma at timestep T-1, the largest noise level of the schedule. */
    public double sigmaMax() {
        return sigma(trainTimesteps() - 1);
    }

    /** Sigma at a fractional timestep, interpolating sigma linearly between integers (clamped to the table). */
    public double sigmaAt(double t) {
        int last = trainTimesteps() - 1;
        if (t <= 0) {
            return sigma(0);
        }
        if (t >= last) {
            return sigma(last);
        }
        int lo = (int) Math.floor(t);
        double w = t - lo;
        return (1 - w) * sigma(lo) + w * sigma(lo + 1);
    }

    /**
     * The fractional timestep whose noise level is {@code sigma}, interpolating log sigma linearly over the
     * table (k-diffusion's {@code sigma_to_t}); clamped to {@code [0, T-1]}.
     */
    public double timestepForSigma(double sigma) {
        int n = trainTimesteps();
        if (n == 1) {
            return 0;
        }
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int lo = 0;
        for (int t = 0; t < n; t++) {
            if (logSigmas[t] <= logSigma) {
                lo = t;
            }
        }
        lo = Math.min(lo, n - 2);
        double w = (logSigmas[lo] - logSigma) / (logSigmas[lo] - logSigmas[lo + 1]);
        w = Math.max(0, Math.min(1, w));
        return (1 - w) * lo + w * (lo + 1);
    }

    @Override
    public String toString() {
        return "NoiseSchedule[" + kind + ", T=" + trainTimesteps() + "]";
    }
}
