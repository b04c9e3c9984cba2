package org.diffusionj.engine.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.sampler.PredictionHook;
import org.diffusionj.engine.sampler.ProgressListener;
import org.diffusionj.engine.sampler.SamplingLoop;
import org.diffusionj.engine.sampler.SamplingRun;
import org.diffusionj.engine.schedule.Timesteps;

/**
 * Runs every task the same way: per draw, a seeded start (noise, or the guide noised to the strength's level),
 * the engine's {@link SamplingLoop} with the task's coupling (if any, {@link RestorationTask#coupling}) followed by
 * the {@link NullSpaceProjection} hooks, and the resampling plan, the
 * way back to input units and the task's final step. With several draws it returns their mean, a posterior-mean
 * estimate, and the per-pixel standard deviation.
 *
 * <p>The draws come in antithetic pairs (Hammersley and Morton 1956): draw 0 uses the noise of {@code seed}, draw 1
 * the same noise negated, draw 2 the noise of {@code seed + 2}, draw 3 that negated, and so on. Each draw is still a
 * sample of the same distribution, but where a draw depends nearly linearly on its noise the pair's errors cancel
 * in the mean ({@code ./diffusion eval --crops 1}, mean of 4: super-resolution x2 / x4 +0.82 / +0.63 dB, the plain
 * mean of denoising +0.2 dB at every light level). One draw is unchanged. The standard deviation accounts for the pairing ({@link DrawStatistics}).
 */
public final class TaskRunner {

    private final SamplingSetup setup;
    private final ProgressListener progress;
    private final BooleanSupplier cancelled;

    /** A runner with no progress reporting and no cancellation. */
    public TaskRunner(SamplingSetup setup) {
        this(setup, null, null);
    }

    /**
     * @param progress  told after each model evaluation, counted over all draws (null for none)
     * @param cancelled checked before each evaluation; true ends the run with a CancelledException (null: never)
     */
    public TaskRunner(SamplingSetup setup, ProgressListener progress, BooleanSupplier cancelled) {
        if (setup == null) {
            throw new IllegalArgumentException("The runner needs a sampling setup");
        }
        this.setup = setup;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * Draws {@code samples} results of {@code task}.
     *
     * @throws IllegalArgumentException for fewer than one sample, or a resampling plan the sampler cannot follow
     * @throws org.diffusionj.engine.CancelledException when the cancellation check fires
     */
    public Restoration run(RestorationTask task, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        long started = System.nanoTime();
        RestorationProblem problem = task.problem();
        int startStep = startStep(problem);
        SamplingRun plan = start(startStep);
        int evaluations = problem.resampling().evaluations(plan.evaluations());
        if (problem.resampling().resamples() && !plan.supportsResampling()) {
            throw new IllegalArgumentException("RePaint resampling needs the ddim or ddpm sampler, not "
                    + setup.sampler().name());
        }
        if (plan.evaluations() == 0) {
            return unchanged(task, samples, started);
        }
        DrawStatistics stats = null;
        for (int i = 0; i < samples; i++) {
            Tensor draw = draw(task, problem, startStep, noise(seed, i), i * evaluations, samples * evaluations);
            if (stats == null) {
                stats = new DrawStatistics(draw);
            } else {
                stats.add(draw);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Tensor stdDev = stats.stdDev();
        // each draw is finished, and so is their mean: every final step is affine (a projection, or a blend
        // with the input), so finishing the mean again would only repeat a feathered mask's blend
        Tensor image = task.estimate(stats.mean(), stdDev, samples, metrics);
        metrics.put("consistencyError", task.consistencyError(image));
        metrics.put("steps", (double) plan.steps());
        metrics.put("evaluations", (double) evaluations * samples);
        metrics.put("samples", (double) samples);
        metrics.put("seconds", (System.nanoTime() - started) / 1e9);
        return new Restoration(image, samples > 1 ? stdDev : null, metrics);
    }

    /** No step to run: the task's unchanged result, with no spread. */
    private static Restoration unchanged(RestorationTask task, int samples, long started) {
        Tensor image = task.unchangedResult();
        if (image == null) {
            throw new IllegalStateException(task.getClass().getSimpleName() + " has no steps to run");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("consistencyError", 0.0);
        metrics.put("steps", 0.0);
        metrics.put("evaluations", 0.0);
        metrics.put("samples", (double) samples);
        metrics.put("seconds", (System.nanoTime() - started) / 1e9);
        return new Restoration(image, samples > 1 ? image.zerosLike() : null, metrics);
    }

    /**
     * Where the problem's runs start: the strength's step, or for a noisy guide the last step whose level holds at
     * least the guide's noise (found once per task, not per draw).
     */
    private int startStep(RestorationProblem problem) {
        int steps = setup.settings().steps();
        if (problem.guideSigma() <= 0) {
            return Timesteps.startIndex(steps, problem.strength());
        }
        for (int s = steps - 1; s > 0; s--) {
            SamplingRun run = start(s);
            if (run.evaluations() > 0 && veSigma(run.alphaBar(0)) >= problem.guideSigma()) {
                return s;
            }
        }
        return 0;
    }

    /** A fresh run from {@code startStep} (runs keep per-run state, so every draw gets its own). */
    private SamplingRun start(int startStep) {
        return setup.sampler().start(setup.schedule(), setup.settings().withStartStep(startStep));
    }

    /** The noise level of {@code alphaBar} relative to the signal: {@code sqrt((1 - abar) / abar)}. */
    static double veSigma(double alphaBar) {
        return Math.sqrt((1 - alphaBar) / alphaBar);
    }

    /** Draw {@code i} of {@link #run}{@code (task, samples, seed)} alone, finished (for tests). */
    Tensor draw(RestorationTask task, long seed, int i) {
        RestorationProblem problem = task.problem();
        return draw(task, problem, startStep(problem), noise(seed, i), 0, 0);
    }

    private Tensor draw(RestorationTask task, RestorationProblem problem, int startStep, GaussianNoise noise,
            int doneBefore, int total) {
        return task.finish(task.toOutput(sample(problem, task.coupling(), startStep, noise, doneBefore, total)));
    }

    /** Draw {@code i}'s noise: the stream of {@code seed + i}, or for odd {@code i} its even twin's negated. */
    public static GaussianNoise noise(long seed, int i) {
        return i % 2 == 0 ? new GaussianNoise(seed + i) : GaussianNoise.antithetic(seed + i - 1);
    }

    /** One draw, in the model's normalised space. */
    private Tensor sample(RestorationProblem problem, PredictionHook coupling, int startStep, GaussianNoise noise,
            int doneBefore, int total) {
        SamplingRun run = start(startStep);
        Tensor z = noise.next(problem.shape()[0], problem.shape()[1], problem.shape()[2], problem.shape()[3]);
        // SDEdit (Meng et al. 2022): the guide noised to the first kept level; otherwise pure noise. A noisy guide
        // gets only the noise it lacks: sigma_t^2 - sigma_guide^2, in the level's own (variance-exploding) units.
        Tensor x;
        if (problem.guide() == null) {
            x = run.initialSample(z);
        } else if (problem.guideSigma() > 0) {
            double level = veSigma(run.alphaBar(0));
            double topUp = Math.sqrt(Math.max(0, level * level - problem.guideSigma() * problem.guideSigma())) / level;
            x = run.addNoise(problem.guide(), Tensors.scale(topUp, z), 0);
        } else {
            x = run.addNoise(problem.guide(), z, 0);
        }
        // DiffusionMBIR's order: the prior's x0, the coupling between batch items (z), then data consistency
        NullSpaceProjection projection = problem.operator() == null ? null
                : new NullSpaceProjection(problem.operator(), problem.y(), problem.sigmaY(), run);
        SamplingLoop loop = new SamplingLoop(setup.denoiser(), setup.type())
                .withConditioning(setup.conditioning())
                .withPredictionHook(coupling == null ? projection : coupling.then(projection))
                .withSampleHook(projection != null && projection.scalesNoise() ? projection : null)
                .withResampling(problem.resampling())
                .withCancellation(cancelled)
                .withProgress(progress == null ? null
                        : (done, all, preview) -> progress.progress(doneBefore + done, total, preview));
        return loop.run(run, x, noise);
    }
}
