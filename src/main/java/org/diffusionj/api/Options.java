package org.diffusionj.api;

/**
 * Options shared by every task, with the defaults users see in the README. Mutable, fluent setters;
 * values are validated when a task starts (a clear IllegalArgumentException names the bad option).
 */
public class Options {
    /** Sampler name: ddim, ddpm, euler, heun, dpm++2m. */
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
}
