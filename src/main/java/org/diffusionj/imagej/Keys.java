package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.DenoiseOptions;
import org.diffusionj.api.InpaintOptions;
import org.diffusionj.api.IsotropicOptions;
import org.diffusionj.api.NullTextOptions;
import org.diffusionj.api.Options;
import org.diffusionj.api.SuperResolutionOptions;
import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.imagej.CommandOption.Kind;

/**
 * The macro keys of the Diffusion commands, with their dialog labels and defaults. These keys are the
 * public macro API (see the README's macro key table); the defaults come from the task options of
 * {@link org.diffusionj.api} so that the two never disagree.
 */
public final class Keys {
    public static final String MODEL = "model";
    public static final String CLASS = "class";
    public static final String SAMPLER = "sampler";
    public static final String STEPS = "steps";
    public static final String SEED = "seed";
    public static final String ETA = "eta";
    public static final String GUIDANCE = "guidance";
    public static final String SAMPLES = "samples";
    public static final String DEVICE = "device";
    public static final String TILE = "tile";
    public static final String OVERLAP = "overlap";
    public static final String MEMORY = "memory";
    public static final String STACK = "stack";
    public static final String GROW = "grow";
    public static final String FEATHER = "feather";
    public static final String JUMP = "jump";
    public static final String REPEATS = "repeats";
    public static final String START = "start";
    public static final String RERUN = "rerun";
    public static final String ESTIMATE = "estimate";
    public static final String SCALE = "scale";
    public static final String NOISE = "noise";
    public static final String STRENGTH = "strength";
    public static final String SOURCE = "source";
    public static final String TARGET = "target";
    public static final String MODE = "mode";
    public static final String INNER = "inner";
    public static final String ACTION = "action";
    public static final String PATH = "path";
    public static final String REPLACE = "replace";
    public static final String IMAGES = "images";
    public static final String OUTPUT = "output";
    public static final String MINUTES = "minutes";
    public static final String BATCH = "batch";
    public static final String CROP = "crop";
    public static final String LR = "lr";
    public static final String FORCE = "force";
    public static final String GAIN = "gain";
    public static final String DENOISE = "denoise";
    public static final String OFFSET = "offset";
    public static final String SIGMA = "sigma";
    public static final String FACTOR = "factor";
    public static final String Z = "z";
    public static final String ZWEIGHT = "zweight";

    /** How the slices of a z-stack are sampled: each on its own, or together, coupled along z. */
    public static final List<String> Z_MODES = List.of("independent", "consistent");

    /**
     * How inpainting and denoising turn several draws into one image: blended with a classical estimate (the smooth
     * fill; a blur of the input) by measured error, or their plain mean.
     */
    public static final List<String> ESTIMATES = List.of("blend", "mean");

    /** Device choices. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");
    /** The word that means "no class" (unconditional generation). */
    public static final String NO_CLASS = "none";

    /**
     * The sampler internals: behind the dialog's Advanced... button, so that the first dialog holds only the
     * choices that change the result most. Every one stays a macro key and is recorded when it differs from
     * its default.
     */
    public static final java.util.Set<String> ADVANCED = java.util.Set.of(SAMPLER, ETA, GUIDANCE, DEVICE, TILE,
            OVERLAP, MEMORY, JUMP, REPEATS, RERUN, ESTIMATE, INNER, ZWEIGHT);

    private Keys() {
    }

    /** Whether {@code p} belongs behind the Advanced... button. */
    public static boolean advanced(CommandOption p) {
        return ADVANCED.contains(p.key());
    }

    /** The options every task command takes, with defaults from {@code defaults} (the task's option object). */
    public static List<CommandOption> common(Options defaults) {
        return List.of(
                CommandOption.of(MODEL, "Model", Kind.TEXT, "default",
                        "model package: a name from Diffusion Models, a folder or zip path, or 'default' (the embedded model)"),
                CommandOption.of(CLASS, "Class (conditioning)", Kind.TEXT,
                        defaults.className == null ? NO_CLASS : defaults.className,
                        "class name for class-conditional models; 'none' = unconditional"),
                CommandOption.choice(SAMPLER, "Sampler", Samplers.NAMES, defaults.sampler, String.join(", ", Samplers.NAMES)),
                CommandOption.of(STEPS, "Steps", Kind.INTEGER, defaults.steps, "sampling steps (more = slower, finer)").within(defaults.stepRange()),
                CommandOption.of(SEED, "Seed", Kind.INTEGER, defaults.seed, "random seed: the same seed gives the same result"),
                CommandOption.of(ETA, "Eta (DDIM noise, 0-1)", Kind.NUMBER, defaults.eta, "DDIM stochasticity, 0 = deterministic").within(Options.ETA),
                CommandOption.of(GUIDANCE, "Guidance (CFG scale, 1 = off)", Kind.NUMBER, defaults.guidance,
                        "classifier-free guidance scale").within(defaults.guidanceRange()),
                CommandOption.of(SAMPLES, "Samples (> 1 adds an SD map)", Kind.INTEGER, defaults.samples,
                        "draws averaged into the result; more than one also gives a per-pixel standard deviation image")
                        .within(Options.SAMPLES),
                CommandOption.choice(DEVICE, "Device", DEVICES, "auto", "auto (GPU when available), cpu or gpu"),
                CommandOption.of(TILE, "Tile (px, 0 = auto)", Kind.INTEGER, defaults.tile,
                        "tile size for large images, in model pixels; 0 chooses from the memory budget").within(Options.TILE),
                CommandOption.of(OVERLAP, "Overlap (px)", Kind.INTEGER, defaults.overlap, "overlap between tiles").within(Options.OVERLAP),
                CommandOption.of(MEMORY, "Memory (MB for tiling, 0 = auto)", Kind.INTEGER, defaults.memoryMb,
                        "memory budget that sets the automatic tile size; 0 = 256 MB on the CPU, 2048 MB on a GPU")
                        .within(Options.MEMORY_MB),
                CommandOption.of(STACK, "Stack (all slices and frames)", Kind.FLAG, false,
                        "process every slice and frame instead of the current one"));
    }

    /** Inpainting's own options. */
    public static List<CommandOption> inpaint(InpaintOptions d) {
        return List.of(
                CommandOption.of(GROW, "Grow (px)", Kind.INTEGER, d.grow, "pixels added around the selection").within(InpaintOptions.GROW),
                CommandOption.of(FEATHER, "Feather (px)", Kind.INTEGER, d.feather,
                        "width of the soft edge inside the selection").within(InpaintOptions.FEATHER),
                CommandOption.of(JUMP, "Jump (RePaint length, 0 = off)", Kind.INTEGER, d.jumpLength,
                        "RePaint resampling: jump length in steps").within(InpaintOptions.JUMP_LENGTH),
                CommandOption.of(REPEATS, "Repeats (RePaint)", Kind.INTEGER, d.jumpRepeats, "RePaint: repeats per jump")
                        .within(InpaintOptions.JUMP_REPEATS),
                CommandOption.of(START, "Start (noise level, 1 = from noise)", Kind.NUMBER, d.start,
                        "1 = sample from pure noise (large holes); lower = start from the smooth fill noised to that"
                                + " level (thin defects: 0.3; faster)").within(InpaintOptions.START),
                CommandOption.of(RERUN, "Rerun (share of steps, 0 = off)", Kind.NUMBER, d.rerun,
                        "from pure noise with ddim or ddpm: the share of the last steps run again from the finished"
                                + " fill noised back (better thin defects, for that much more time); 0 = off")
                        .within(InpaintOptions.RERUN),
                CommandOption.choice(ESTIMATE, "Estimate (samples > 1)", ESTIMATES, d.blend ? "blend" : "mean",
                        "blend = the draws' mean weighed against the smooth fill by measured error; mean = plain mean"));
    }

    /**
     * The z-stack keys of the plane commands: {@code z=consistent} samples all slices of each channel and frame
     * together, coupled at every step by a total-variation prox along z of weight {@code zweight}.
     */
    public static List<CommandOption> zStack(Options d) {
        return List.of(
                CommandOption.choice(Z, "Z (slices of a stack)", Z_MODES, d.zConsistent ? "consistent" : "independent",
                        "independent = every slice on its own; consistent = all slices of the z-stack sampled together,"
                                + " coupled along z at every step (DiffusionMBIR); same as independent on one plane"),
                CommandOption.of(ZWEIGHT, "Zweight (TV along z)", Kind.NUMBER, d.zWeight,
                        "z=consistent: weight of the total variation along z in model units (the image's range"
                                + " mapped to [-1, 1]); slice-to-slice differences below about twice it are flattened")
                        .within(Options.Z_WEIGHT));
    }

    /** The task's own options followed by the z-stack keys. */
    static List<CommandOption> withZ(List<CommandOption> own, Options d) {
        List<CommandOption> all = new java.util.ArrayList<>(own);
        all.addAll(zStack(d));
        return List.copyOf(all);
    }

    /** Denoising's own options: the camera's noise model, then how the draws become one image. */
    public static List<CommandOption> denoise(DenoiseOptions d) {
        List<CommandOption> all = new java.util.ArrayList<>(noiseModel(d));
        all.add(CommandOption.choice(ESTIMATE, "Estimate (samples > 1)", ESTIMATES, d.blend ? "blend" : "mean",
                "blend = the draws' mean blended with a Gaussian blur of the input, both chosen by Stein's"
                        + " unbiased risk estimate (runs twice); mean = plain mean"));
        return List.copyOf(all);
    }

    /**
     * The camera's noise model (Denoise, and Isotropic with {@code denoise}), estimated from the image unless the
     * gain or the sigma is given (a sigma without a gain: Gaussian noise alone).
     */
    static List<CommandOption> noiseModel(DenoiseOptions d) {
        return List.of(
                CommandOption.of(GAIN, "Gain (per photon, 0 = estimate)", Kind.NUMBER, d.gain,
                        "image units per detected photon; 0 (with sigma 0) estimates the noise model from the image"
                                + " (Foi et al. 2008)")
                        .within(DenoiseOptions.GAIN),
                CommandOption.of(OFFSET, "Offset (camera, no light)", Kind.NUMBER, d.offset,
                        "the value of a pixel that got no light; with an estimated gain it separates the read noise")
                        .within(DenoiseOptions.OFFSET),
                CommandOption.of(SIGMA, "Sigma (read noise)", Kind.NUMBER, d.sigma,
                        "Gaussian read noise in image units; with gain 0, Gaussian noise alone of this SD (not estimated)")
                        .within(DenoiseOptions.SIGMA));
    }

    /** Super-resolution's own options. */
    public static List<CommandOption> superResolution(SuperResolutionOptions d) {
        return List.of(
                CommandOption.choice(SCALE, "Scale", List.of("2", "4"), "2", "magnification: 2 or 4"),
                noise(d));
    }

    /**
     * Isotropic reconstruction's own options: the factor, one Gaussian noise level or the Poisson-Gaussian noise
     * model of {@code denoise} (the same gain, offset and sigma keys as Diffusion Denoise).
     */
    public static List<CommandOption> isotropic(IsotropicOptions d) {
        List<CommandOption> all = new java.util.ArrayList<>(List.of(
                CommandOption.of(FACTOR, "Factor (z, 0 = from the calibration)", Kind.INTEGER, 0,
                        "how many slices each slice becomes; 0 = voxel depth / pixel width, rounded")
                        .within(IsotropicTask.FACTOR),
                noise(d),
                CommandOption.of(DENOISE, "Denoise (Poisson-Gaussian noise)", Kind.FLAG, d.denoise,
                        "the stack is noisy (photon counts): reconstruct under its noise model, estimated from the"
                                + " stack unless the gain or the sigma is given, and denoise it too")));
        DenoiseOptions model = new DenoiseOptions();
        model.gain = d.gain;
        model.offset = d.offset;
        model.sigma = d.sigma;
        all.addAll(noiseModel(model));
        return List.copyOf(all);
    }

    private static CommandOption noise(SuperResolutionOptions d) {
        return CommandOption.of(NOISE, "Noise (input SD, 0-1)", Kind.NUMBER, d.noise,
                "noise level of the input for DDNM+, as a fraction of its range (0 = noise-free)")
                .within(SuperResolutionOptions.NOISE);
    }

    /** SDEdit's own options. */
    public static List<CommandOption> sdedit() {
        return List.of(CommandOption.of(STRENGTH, "Strength (0-1)", Kind.NUMBER, 0.5,
                "how far the image is noised before re-synthesis: 0 = unchanged, 1 = ignore the input")
                .within(Options.STRENGTH));
    }

    /** The options of Diffusion Models. */
    public static List<CommandOption> models() {
        return List.of(
                CommandOption.choice(ACTION, "Action", List.of("list", "info", "default", "import"), "list",
                        "list the models, show one's manifest, make one the session default, or import a package"),
                CommandOption.of(MODEL, "Model", Kind.TEXT, "default", "the model for info and default"),
                CommandOption.of(PATH, "Path (package folder or zip)", Kind.TEXT, "", "what import copies in"),
                CommandOption.of(REPLACE, "Replace (an installed model of that name)", Kind.FLAG, false,
                        "let import replace an installed model with the same name"));
    }

    /** The options of Diffusion Train Prior. */
    public static List<CommandOption> trainPrior() {
        return List.of(
                CommandOption.of(IMAGES, "Images (folder; empty = the open image or stack)", Kind.TEXT, "",
                        "a folder of unlabelled images of one kind (any format and bit depth ImageJ opens)"),
                CommandOption.of(CLASS, "Class (what the images show)", Kind.TEXT, "",
                        "an existing class of the model, or a new name that adds a class"),
                CommandOption.of(OUTPUT, "Output (folder; empty = the models folder)", Kind.TEXT, "",
                        "where the new model package goes; empty: MODEL-CLASS in the user models folder"),
                CommandOption.of(MODEL, "Model (to start from)", Kind.TEXT, "default", "the package to fine-tune"),
                CommandOption.of(MINUTES, "Minutes (training time)", Kind.NUMBER, 15.0, "wall-clock training time"),
                CommandOption.of(STEPS, "Steps (0 = as many as the minutes allow)", Kind.INTEGER, 0,
                        "optimiser steps, instead of the minutes; with steps the run is reproducible from its seed"),
                CommandOption.of(BATCH, "Batch (crops per step)", Kind.INTEGER, 8, "random crops per optimiser step"),
                CommandOption.of(CROP, "Crop (px, 0 = the model's training size)", Kind.INTEGER, 0, "crop size"),
                CommandOption.of(LR, "Lr (learning rate)", Kind.NUMBER, 1e-4,
                        "peak learning rate of the weights; a new class row gets ten times it"),
                CommandOption.of(SEED, "Seed", Kind.INTEGER, 0, "random seed of crops, noise and class dropout"),
                CommandOption.choice(DEVICE, "Device", DEVICES, "auto", "auto (GPU when available), cpu or gpu"),
                CommandOption.of(FORCE, "Force (replace the output folder)", Kind.FLAG, false,
                        "replace an existing output folder instead of stopping"));
    }

    /** The options of Diffusion Device Check. */
    public static List<CommandOption> deviceCheck() {
        return List.of(
                CommandOption.of(MODEL, "Model", Kind.TEXT, "default", "the model whose network is timed"),
                CommandOption.choice(DEVICE, "Device", DEVICES, "auto", "auto, cpu or gpu"));
    }

    /** Null-text editing's own options. */
    public static List<CommandOption> nullText(NullTextOptions d) {
        return List.of(
                CommandOption.of(SOURCE, "Source (class of the image)", Kind.TEXT, NO_CLASS,
                        "class the image is inverted under"),
                CommandOption.of(TARGET, "Target (class to edit to)", Kind.TEXT, "",
                        "class the image is regenerated under (required)"),
                CommandOption.choice(MODE, "Mode", NullTextOptions.MODES, d.mode,
                        "exact = null-text optimisation, fast = negative-prompt inversion, plain = DDIM inversion only"),
                CommandOption.of(INNER, "Inner (optimisation steps)", Kind.INTEGER, d.inner,
                        "Adam steps per timestep in exact mode").within(NullTextOptions.INNER),
                CommandOption.of(STRENGTH, "Strength (0-1)", Kind.NUMBER, d.strength,
                        "how far the class moves from source to target: 0 = reconstruction, 1 = the target class")
                        .within(Options.STRENGTH));
    }
}
