package org.diffusionj.api;

import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.engine.schedule.TimestepSpacing;

/**
 * Options shared by every task, with the defaults users see in the README. Mutable, with fluent setters, so
 * that callers build them as they like; {@link #check} validates them once, when a task starts, against the
 * ranges declared here (the same {@link Range} objects the ImageJ dialogs and macro keys use), and the engine
 * runs on a checked copy, so changing an options object during a run changes nothing.
 */
public class Options implements Cloneable {
    public static final Range STEPS = Range.whole("steps", 1, 10_000);
    public static final Range ETA = Range.number("eta", 0, 1);
    public static final Range GUIDANCE = Range.number("guidance", 0, 100);
    public static final Range SAMPLES = Range.whole("samples", 1, 100);
    public static final Range TILE = Range.whole("tile", 0, 1 << 20);
    public static final Range OVERLAP = Range.whole("overlap", 0, 1 << 20);
    public static final Range MEMORY_MB = Range.whole("memoryMb", 0, 1 << 24);
    /** SDEdit's and null-text editing's strength. */
    public static final Range STRENGTH = Range.number("strength", 0, 1);
    public static final Range PERCENTILE = Range.number("percentile", 0, 100);
    /** The weight of the total variation along z that couples a stack's slices, in model units. */
    public static final Range Z_WEIGHT = Range.number("zWeight", 0, 1);

    /** Sampler name: one of {@link Samplers#NAMES}. */
    public String sampler = "ddim";
    public int steps = 50;
    public long seed = 1;
    /** DDIM eta (0 = deterministic); DDNM uses 0.85 for restoration. */
    public double eta = 0.85;
    /** Class name for class-conditional models; null or "none" = unconditional. */
    public String className = null;
    /** Classifier-free guidance scale; <= 1 means no guidance. */
    public double guidance = 1.0;
    /** Number of restorations drawn; > 1 returns their mean and a per-pixel standard deviation map. */
    public int samples = 1;
    /** Tile size in model pixels for per-step tiling (0 = automatic from the memory budget). */
    public int tile = 0;
    /** Overlap between tiles in pixels. */
    public int overlap = 32;
    /** Memory budget in MB for the automatic tile size (0 = automatic: 256 MB on the CPU, 2048 MB on a GPU). */
    public long memoryMb = 0;
    /** Percentiles mapped to the model's range [-1, 1] on the way in (and back on the way out). */
    public double lowPercentile = 0.1;
    public double highPercentile = 99.9;
    /**
     * For the stack methods ({@code DiffusionEngine.*Stack}): sample the slices together, coupled at every step by a
     * total-variation prox along z (DiffusionMBIR), with one normalisation for the stack; false = every slice on
     * its own, exactly as the single-plane methods.
     */
    public boolean zConsistent = false;
    /**
     * The z coupling's TV weight in model units (the image's normalised range [-1, 1]): slice-to-slice differences
     * below about twice this are flattened at every step. 0.02 kept the slice-to-slice differences of synthetic
     * volumes within 4 % of the truth's ({@code ./diffusion eval --task z-consistency}); 0.05 and 0.1 over-smoothed.
     */
    public double zWeight = 0.02;

    public Options sampler(String v) { sampler = v; return this; }
    public Options steps(int v) { steps = v; return this; }
    public Options seed(long v) { seed = v; return this; }
    public Options eta(double v) { eta = v; return this; }
    public Options className(String v) { className = v; return this; }
    public Options guidance(double v) { guidance = v; return this; }
    public Options samples(int v) { samples = v; return this; }
    public Options tile(int v) { tile = v; return this; }
    public Options overlap(int v) { overlap = v; return this; }
    public Options memoryMb(long v) { memoryMb = v; return this; }
    public Options percentiles(double low, double high) { lowPercentile = low; highPercentile = high; return this; }
    public Options zConsistent(boolean v) { zConsistent = v; return this; }
    public Options zWeight(double v) { zWeight = v; return this; }

    /** How the steps are laid over the noise levels (LEADING, diffusers' default; inpainting may choose another). */
    TimestepSpacing spacing() {
        return TimestepSpacing.LEADING;
    }

    /**
     * Checks every option that can be checked without a model (ranges, names, combinations).
     *
     * @throws IllegalArgumentException naming the first bad option
     */
    public void check() {
        if (sampler == null || !Samplers.NAMES.contains(sampler.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown sampler '" + sampler + "'; valid: " + String.join(", ",
                    Samplers.NAMES));
        }
        stepRange().check(steps);
        ETA.check(eta);
        guidanceRange().check(guidance);
        SAMPLES.check(samples);
        TILE.check(tile);
        OVERLAP.check(overlap);
        MEMORY_MB.check(memoryMb);
        Z_WEIGHT.check(zWeight);
        PERCENTILE.check("lowPercentile", lowPercentile);
        PERCENTILE.check("highPercentile", highPercentile);
        if (!(lowPercentile < highPercentile)) {
            throw new IllegalArgumentException("lowPercentile and highPercentile need low < high, got "
                    + lowPercentile + " and " + highPercentile);
        }
    }

    /** The valid step counts of this task (the model's timesteps are checked when it runs). */
    public Range stepRange() {
        return STEPS;
    }

    /** The valid guidance scales of this task. */
    public Range guidanceRange() {
        return GUIDANCE;
    }

    /** A checked, independent copy: what a task runs on. */
    public Options checkedCopy() {
        check();
        try {
            return (Options) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
