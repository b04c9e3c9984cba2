package org.diffusionj.engine.sampler;

import java.util.Arrays;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.diffusionj.engine.schedule.TimestepSpacing;

/**
 * Immutable options of one sampling run; start from {@link #steps(int)} and refine with the {@code with...}
 * methods. Defaults: LEADING spacing, offset 0, eta 0, FIXED_SMALL variance, no x0 clipping,
 * {@code setAlphaToOne} on, Karras sigmas off, the sampler's own grid, start step 0, no lowest timestep,
 * DPM-Solver++'s lower-order final step on.
 *
 * <p>Each option is read only by the samplers it concerns: eta by DDIM; the variance type by DDPM;
 * {@code setAlphaToOne} by DDIM and DDIM inversion (DDPM always ends at alpha-bar 1); clipping by the
 * variance-preserving samplers (DDPM, DDIM, inversion); Karras sigmas by Euler, Heun and DPM-Solver++.
 * Options that need the schedule (step count against T, explicit timesteps in range) are checked when a run
 * starts; the rest when set. Every violation is an {@link IllegalArgumentException} naming the value.
 */
public final class SamplerSettings {

    private final int steps;
    private final TimestepSpacing spacing;
    private final int stepsOffset;
    private final double eta;
    private final VarianceType varianceType;
    private final boolean clipSample;
    private final boolean setAlphaToOne;
    private final boolean karrasSigmas;
    private final int[] timesteps;
    private final int startStep;
    private final boolean lowerOrderFinal;
    private final int lowestTimestep;

    private SamplerSettings(int steps, TimestepSpacing spacing, int stepsOffset, double eta,
            VarianceType varianceType, boolean clipSample, boolean setAlphaToOne, boolean karrasSigmas,
            int[] timesteps, int startStep, boolean lowerOrderFinal, int lowestTimestep) {
        if (steps <= 0) {
            throw new IllegalArgumentException("Number of sampling steps must be at least 1, got " + steps);
        }
        if (spacing == null) {
            throw new IllegalArgumentException("Timestep spacing must not be null");
        }
        if (stepsOffset < 0) {
            throw new IllegalArgumentException("steps offset must be >= 0, got " + stepsOffset);
        }
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be a finite value >= 0, got " + eta);
        }
        if (varianceType == null) {
            throw new IllegalArgumentException("Variance type must not be null");
        }
        if (timesteps != null && timesteps.length == 0) {
            throw new IllegalArgumentException("An explicit timestep list must not be empty");
        }
        if (startStep < 0) {
            throw new IllegalArgumentException("start step must be >= 0, got " + startStep);
        }
        if (lowestTimestep < 0) {
            throw new IllegalArgumentException("lowest timestep must be >= 0, got " + lowestTimestep);
        }
        this.steps = steps;
        this.spacing = spacing;
        this.stepsOffset = stepsOffset;
        this.eta = eta;
        this.varianceType = varianceType;
        this.clipSample = clipSample;
        this.setAlphaToOne = setAlphaToOne;
        this.karrasSigmas = karrasSigmas;
        this.timesteps = timesteps;
        this.startStep = startStep;
        this.lowerOrderFinal = lowerOrderFinal;
        this.lowestTimestep = lowestTimestep;
    }

    /** Default settings with {@code steps} sampling steps. */
    public static SamplerSettings steps(int steps) {
        return new SamplerSettings(steps, TimestepSpacing.LEADING, 0, 0, VarianceType.FIXED_SMALL, false, true,
                false, null, 0, true, 0);
    }

    public SamplerSettings withSteps(int n) {
        return new SamplerSettings(n, spacing, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    public SamplerSettings withSpacing(TimestepSpacing s) {
        return new SamplerSettings(steps, s, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /** diffusers' {@code steps_offset}, added to the LEADING grid (Stable Diffusion uses 1). */
    public SamplerSettings withStepsOffset(int offset) {
        return new SamplerSettings(steps, spacing, offset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /** DDIM's eta (Song et al. 2021, eq. 16): 0 is deterministic DDIM, 1 matches DDPM's variance. */
    public SamplerSettings withEta(double e) {
        return new SamplerSettings(steps, spacing, stepsOffset, e, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    public SamplerSettings withVarianceType(VarianceType v) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, v, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /** Clip each predicted x0 to [-1, 1] before the update (pixel-space models trained on [-1, 1]). */
    public SamplerSettings withClipSample(boolean clip) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clip, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /**
     * Whether the level below timestep 0 is alpha-bar 1 (on: the run ends clean) or {@code alphaBar[0]} (off).
     * DDIM's {@code set_alpha_to_one}; for the sigma samplers, a final sigma of 0 or {@code sigma(0)}
     * (diffusers' {@code final_sigmas_type} "zero" / "sigma_min"); DDIM inversion starts from this level.
     */
    public SamplerSettings withSetAlphaToOne(boolean one) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clipSample, one,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /**
     * The same flag under the name the sigma samplers use: true ends at sigma 0 (diffusers' {@code final_sigmas_type
     * = "zero"}), false at {@code sigma(0)} ({@code "sigma_min"}).
     */
    public SamplerSettings withFinalSigmaZero(boolean zero) {
        return withSetAlphaToOne(zero);
    }

    /**
     * DPM-Solver++(2M): a first-order last step when the run has fewer than 15 steps (diffusers'
     * {@code lower_order_final}, default on; it stabilises few-step sampling). It matters only when the run
     * ends above sigma 0 ({@code withFinalSigmaZero(false)}); a step to sigma 0 is first order anyway.
     */
    public SamplerSettings withLowerOrderFinal(boolean lower) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lower, lowestTimestep);
    }

    /** Karras et al. 2022 noise levels (rho = 7) for the sigma samplers. */
    public SamplerSettings withKarrasSigmas(boolean karras) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karras, timesteps, startStep, lowerOrderFinal, lowestTimestep);
    }

    /**
     * An explicit model timestep list replacing the sampler's grid (descending; ascending for DDIM inversion).
     * The step count is then the list's length.
     */
    public SamplerSettings withTimesteps(int... list) {
        int[] copy = list == null ? null : list.clone();
        return new SamplerSettings(copy == null ? steps : Math.max(1, copy.length), spacing, stepsOffset, eta,
                varianceType, clipSample, setAlphaToOne, karrasSigmas, copy, startStep, lowerOrderFinal,
                lowestTimestep);
    }

    /**
     * Skip the first {@code k} steps of the grid (SDEdit: {@code Timesteps.startIndex(steps, strength)}). The
     * grid is built for the full step count first, so the kept steps are exactly the tail of a full run.
     * {@code k} equal to the step count leaves a run with no evaluations.
     */
    public SamplerSettings withStartStep(int k) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, k, lowerOrderFinal, lowestTimestep);
    }

    /**
     * End the run above timestep {@code t}: the grid's timesteps below {@code t} are not evaluated, and the step
     * from the lowest one kept goes straight to the end level (alpha-bar 1, or sigma 0), as DDIM and the sigma
     * samplers do from any timestep. The first planned step is always kept, so a run is never left without an
     * evaluation. 0 (the default) evaluates the whole grid. For priors trained on noisy images: below the noise
     * level of their training images they only add that noise back (see {@code ModelManifest.trainingNoise}).
     * DDIM inversion walks its whole grid regardless. (With {@link #withSetAlphaToOne} off, Heun's corrector on that
     * last step still evaluates at the end level, timestep 0.)
     */
    public SamplerSettings withLowestTimestep(int t) {
        return new SamplerSettings(steps, spacing, stepsOffset, eta, varianceType, clipSample, setAlphaToOne,
                karrasSigmas, timesteps, startStep, lowerOrderFinal, t);
    }

    public int steps() {
        return steps;
    }

    public TimestepSpacing spacing() {
        return spacing;
    }

    public int stepsOffset() {
        return stepsOffset;
    }

    public double eta() {
        return eta;
    }

    public VarianceType varianceType() {
        return varianceType;
    }

    public boolean clipSample() {
        return clipSample;
    }

    public boolean setAlphaToOne() {
        return setAlphaToOne;
    }

    public boolean karrasSigmas() {
        return karrasSigmas;
    }

    /** A copy of the explicit timestep list, or null when the sampler's grid is used. */
    public int[] timesteps() {
        return timesteps == null ? null : timesteps.clone();
    }

    public int startStep() {
        return startStep;
    }

    public boolean lowerOrderFinal() {
        return lowerOrderFinal;
    }

    public int lowestTimestep() {
        return lowestTimestep;
    }

    /**
     * Checks the options that depend on the schedule.
     *
     * @param ascending whether an explicit list must ascend (DDIM inversion) rather than descend
     * @throws IllegalArgumentException naming the offending value
     */
    void checkAgainst(NoiseSchedule schedule, boolean ascending) {
        int t = schedule.trainTimesteps();
        TimestepSpacing.checkSteps(t, steps);
        if (startStep > steps) {
            throw new IllegalArgumentException("start step " + startStep + " exceeds the number of steps " + steps);
        }
        if (lowestTimestep >= t) {
            throw new IllegalArgumentException("lowest timestep " + lowestTimestep + " outside [0, " + t + ")");
        }
        if (timesteps == null) {
            return;
        }
        if (karrasSigmas) {
            throw new IllegalArgumentException("Karras sigmas choose their own timesteps and cannot be combined"
                    + " with an explicit timestep list; use a start step instead");
        }
        for (int i = 0; i < timesteps.length; i++) {
            if (timesteps[i] < 0 || timesteps[i] >= t) {
                throw new IllegalArgumentException("Timestep " + timesteps[i] + " outside [0, " + t + ")");
            }
            if (i > 0 && (ascending ? timesteps[i] <= timesteps[i - 1] : timesteps[i] >= timesteps[i - 1])) {
                throw new IllegalArgumentException("Explicit timesteps must be strictly "
                        + (ascending ? "ascending" : "descending") + ", got " + Arrays.toString(timesteps));
            }
        }
    }

    @Override
    public String toString() {
        return "SamplerSettings[steps=" + steps + ", spacing=" + spacing.key() + ", offset=" + stepsOffset
                + ", eta=" + eta + ", variance=" + varianceType + ", clip=" + clipSample + ", alphaToOne="
                + setAlphaToOne + ", karras=" + karrasSigmas
                + (timesteps == null ? "" : ", timesteps=" + Arrays.toString(timesteps))
                + ", start=" + startStep + ", lowerOrderFinal=" + lowerOrderFinal
                + (lowestTimestep == 0 ? "" : ", lowest=" + lowestTimestep) + "]";
    }
}
