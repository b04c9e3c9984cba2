package org.diffusionj.api;

import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.model.ClassifierFreeGuidance;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.sampler.ResamplingPlan;
import org.diffusionj.engine.sampler.Sampler;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.engine.task.SamplingSetup;
import org.diffusionj.engine.tiling.TiledDenoiser;
import org.diffusionj.engine.tiling.TilePlan;
import org.diffusionj.runtime.ModelManifest;

/**
 * A task's {@link Options}, checked once against the model and turned into what the engine runs: the sampler,
 * the class conditioning, the resampling plan and the per-step tile size. Built by {@link #check}; immutable (it
 * holds a checked copy of the options).
 */
final class TaskSetup {

    /** Memory budgets for the automatic tile size, in MB. */
    static final long CPU_BUDGET_MB = 256;
    static final long GPU_BUDGET_MB = 2048;

    private final ModelManifest model;
    private final Options options;
    private final Sampler sampler;
    private final Conditioning conditioning;
    private final ResamplingPlan resampling;
    private final int tile;

    private TaskSetup(ModelManifest model, Options options, Sampler sampler, Conditioning conditioning,
            ResamplingPlan resampling, int tile) {
        this.model = model;
        this.options = options;
        this.sampler = sampler;
        this.conditioning = conditioning;
        this.resampling = resampling;
        this.tile = tile;
    }

    /**
     * Validates {@code options} (their own ranges, then against {@code model}).
     *
     * @param gpu whether the model runs on a GPU (for the default memory budget)
     * @throws IllegalArgumentException naming the first bad option
     */
    static TaskSetup check(ModelManifest model, Options given, boolean gpu) {
        Range steps = given.stepRange();
        Range.whole(steps.name(), (long) steps.min(), Math.min((long) steps.max(), model.timesteps())).check(given.steps);
        Options options = given.checkedCopy();
        require(options.tile == 0 || options.tile >= model.minSize(),
                "tile must be 0 (automatic) or at least the model's minimum size " + model.minSize() + ", got "
                        + options.tile);
        long budget = options.memoryMb > 0 ? options.memoryMb : gpu ? GPU_BUDGET_MB : CPU_BUDGET_MB;
        int tile = options.tile > 0 ? options.tile : TilePlan.tileForBudget(budget << 20, model.minSize());
        require(2 * options.overlap <= tile,
                "overlap must lie in [0, tile / 2] = [0, " + tile / 2 + "], got " + options.overlap);
        ResamplingPlan resampling = options instanceof InpaintOptions inpaint ? inpaint.resamplingPlan()
                : ResamplingPlan.none();
        return new TaskSetup(model, options, Samplers.byName(options.sampler), conditioning(model, options), resampling,
                tile);
    }

    /** The checked copy of the options this setup runs with. */
    @SuppressWarnings("unchecked")
    <T extends Options> T options() {
        return (T) options;
    }

    /** The tile side used for per-step tiling. */
    int tile() {
        return tile;
    }

    /** The inpainting options' resampling plan ({@link InpaintOptions#resamplingPlan}); none for other tasks. */
    ResamplingPlan resampling() {
        return resampling;
    }

    /** The model's conditioning for {@code options.className}; guidance gets the null class as unconditional. */
    private static Conditioning conditioning(ModelManifest model, Options options) {
        String name = options.className == null ? "none" : options.className.trim();
        boolean none = name.isEmpty() || name.equalsIgnoreCase("none");
        switch (model.conditioning()) {
            case NONE:
                require(none, "Model '" + model.name() + "' is unconditional: className must be empty or 'none', got '"
                        + options.className + "'");
                return Conditioning.none();
            case CLASS:
                int index = none ? 0 : model.classIndex(name);
                float[][] table = model.embeddings();
                // guidance towards the null class itself would change nothing at twice the cost
                return Conditioning.of(table[index], options.guidance > 1 && index != 0 ? table[0] : null);
            default:
                throw new IllegalArgumentException("Model '" + model.name() + "' is conditioned on "
                        + model.conditioning() + ", which these tasks do not support");
        }
    }

    /** The sampling setup over {@code network}: guidance inside, tiling outside (each tile is guided). */
    SamplingSetup build(Denoiser network) {
        Denoiser guided = ClassifierFreeGuidance.wrap(network, conditioning, options.guidance);
        Denoiser tiled = new TiledDenoiser(guided, tile, options.overlap);
        SamplerSettings settings = SamplerSettings.steps(options.steps).withEta(options.eta)
                .withSpacing(options.spacing()).withLowestTimestep(lowestTimestep());
        return new SamplingSetup(tiled, model.prediction(), model.schedule(), sampler, settings, conditioning);
    }

    /** The lowest timestep sampling evaluates ({@link ModelManifest#lowestTimestep}). */
    int lowestTimestep() {
        return model.lowestTimestep();
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
