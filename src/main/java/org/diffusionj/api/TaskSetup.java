package org.diffusionj.api;

import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.model.ClassifierFreeGuidance;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.sampler.ResamplingPlan;
import org.diffusionj.engine.sampler.Sampler;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.diffusionj.engine.task.SamplingSetup;
import org.diffusionj.engine.tiling.TiledDenoiser;
import org.diffusionj.engine.tiling.TilePlan;
import org.diffusionj.runtime.ModelManifest;

/**
 * Checks a task's {@link Options} against the model, each problem in a message that names the option, and
 * turns them into the engine's {@link SamplingSetup}: sampler and settings, class conditioning, guidance and
 * per-step tiling.
 */
final class TaskSetup {

    /** Memory budgets for the automatic tile size, in MB. */
    static final long CPU_BUDGET_MB = 256;
    static final long GPU_BUDGET_MB = 2048;

    private final ModelManifest model;
    private final Options options;
    private final Sampler sampler;
    private final int tile;

    private TaskSetup(ModelManifest model, Options options, Sampler sampler, int tile) {
        this.model = model;
        this.options = options;
        this.sampler = sampler;
        this.tile = tile;
    }

    /**
     * Validates {@code options} for {@code model}.
     *
     * @param gpu whether the model runs on a GPU (for the default memory budget)
     * @throws IllegalArgumentException naming the first bad option
     */
    static TaskSetup check(ModelManifest model, Options options, boolean gpu) {
        Sampler sampler = Samplers.byName(options.sampler);
        require(options.steps >= 1 && options.steps <= model.timesteps(),
                "steps must be between 1 and " + model.timesteps() + ", got " + options.steps);
        require(options.eta >= 0 && Double.isFinite(options.eta), "eta must be a finite number >= 0, got " + options.eta);
        require(options.guidance >= 0 && Double.isFinite(options.guidance),
                "guidance must be a finite number >= 0, got " + options.guidance);
        require(options.samples >= 1, "samples must be at least 1, got " + options.samples);
        require(options.lowPercentile >= 0 && options.lowPercentile < options.highPercentile
                && options.highPercentile <= 100, "lowPercentile and highPercentile need 0 <= low < high <= 100, got "
                + options.lowPercentile + " and " + options.highPercentile);
        require(options.memoryMb >= 0, "memoryMb must be >= 0 (0 = automatic), got " + options.memoryMb);
        require(options.tile == 0 || options.tile >= model.minSize(),
                "tile must be 0 (automatic) or at least the model's minimum size " + model.minSize() + ", got "
                        + options.tile);
        long budget = options.memoryMb > 0 ? options.memoryMb : gpu ? GPU_BUDGET_MB : CPU_BUDGET_MB;
        int tile = options.tile > 0 ? options.tile : TilePlan.tileForBudget(budget << 20, model.minSize());
        require(options.overlap >= 0 && 2 * options.overlap <= tile,
                "overlap must lie in [0, tile / 2] = [0, " + tile / 2 + "], got " + options.overlap);
        TaskSetup setup = new TaskSetup(model, options, sampler, tile);
        setup.conditioning();
        if (options instanceof InpaintOptions inpaint) {
            setup.resampling(inpaint);
        }
        return setup;
    }

    /** The tile side used for per-step tiling. */
    int tile() {
        return tile;
    }

    /** The model's conditioning for {@code options.className}; guidance gets the null class as unconditional. */
    Conditioning conditioning() {
        String name = options.className == null ? "none" : options.className.trim();
        boolean none = name.isEmpty() || name.equalsIgnoreCase("none");
        switch (model.conditioning()) {
            case "none":
                require(none, "Model '" + model.name() + "' is unconditional: className must be empty or 'none', got '"
                        + options.className + "'");
                return Conditioning.none();
            case "class":
                int index = none ? 0 : model.classIndex(name);
                float[][] table = model.embeddings();
                // guidance towards the null class itself would change nothing at twice the cost
                return Conditioning.of(table[index], options.guidance > 1 && index != 0 ? table[0] : null);
            default:
                throw new IllegalArgumentException("Model '" + model.name() + "' is conditioned on "
                        + model.conditioning() + ", which these tasks do not support");
        }
    }

    /** RePaint's plan from the inpainting options (none for jumpLength 0 or one repeat). */
    ResamplingPlan resampling(InpaintOptions o) {
        require(o.grow >= 0, "grow must be >= 0 pixels, got " + o.grow);
        require(o.feather >= 0, "feather must be >= 0 pixels, got " + o.feather);
        require(o.jumpLength >= 0, "jumpLength must be >= 0 steps (0 = no resampling), got " + o.jumpLength);
        require(o.jumpRepeats >= 1, "jumpRepeats must be at least 1, got " + o.jumpRepeats);
        if (o.jumpLength == 0 || o.jumpRepeats == 1) {
            return ResamplingPlan.none();
        }
        String name = sampler.name();
        require(name.equals("ddim") || name.equals("ddpm"), "RePaint resampling (jumpLength > 0) needs the ddim or"
                + " ddpm sampler, got " + name);
        return ResamplingPlan.repaint(o.jumpLength, o.jumpRepeats);
    }

    /** The sampling setup over {@code network}: guidance inside, tiling outside (each tile is guided). */
    SamplingSetup build(Denoiser network) {
        Conditioning conditioning = conditioning();
        Denoiser guided = ClassifierFreeGuidance.wrap(network, conditioning, options.guidance);
        Denoiser tiled = new TiledDenoiser(guided, tile, options.overlap);
        NoiseSchedule schedule = NoiseSchedule.fromName(model.scheduleKind(), model.timesteps(), model.betaStart(),
                model.betaEnd());
        SamplerSettings settings = SamplerSettings.steps(options.steps).withEta(options.eta);
        return new SamplingSetup(tiled, PredictionType.fromName(model.prediction()), schedule, sampler, settings,
                conditioning);
    }

    /** Number of tiles per model evaluation for a model-space image of this size. */
    int tiles(int width, int height) {
        return TilePlan.cover(width, height, tile, options.overlap).count();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
