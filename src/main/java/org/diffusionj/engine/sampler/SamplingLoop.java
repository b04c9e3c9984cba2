package org.diffusionj.engine.sampler;

import org.diffusionj.engine.CancelledException;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;

/**
 * The one sampling loop every task reuses. For each evaluation k:
 * <pre>
 *   xin = run.modelInput(x, k)
 *   out = denoiser.predict(xin, {run.timestep(k)}, cond)
 *   p   = type.toPrediction(out, xin, run.alphaBar(k));  p = predictionHook(p, k, x)
 *   x   = run.step(p, k, x, noise);                         x = sampleHook(x, k)
 * </pre>
 * then progress is reported with p's x0 as preview. With a {@link ResamplingPlan} the loop also walks back
 * up ({@link SamplingRun#renoise}); hooks are not called on those moves. The cancellation check runs before
 * each evaluation and ends the loop with a {@link CancelledException}.
 *
 * <p>Immutable: the {@code with...} methods return configured copies. Guidance is applied by wrapping the
 * denoiser ({@link org.diffusionj.engine.model.ClassifierFreeGuidance}); the loop passes the conditional rows.
 */
public final class SamplingLoop {

    private final Denoiser denoiser;
    private final PredictionType type;
    private final Conditioning conditioning;
    private final PredictionHook predictionHook;
    private final SampleHook sampleHook;
    private final ProgressListener progress;
    private final BooleanSupplier cancelled;
    private final ResamplingPlan resampling;

    /** A loop over {@code denoiser}, whose outputs are of the given type, with no conditioning and no hooks. */
    public SamplingLoop(Denoiser denoiser, PredictionType type) {
        this(denoiser, type, Conditioning.none(), null, null, null, null, ResamplingPlan.none());
    }

    private SamplingLoop(Denoiser denoiser, PredictionType type, Conditioning conditioning,
            PredictionHook predictionHook, SampleHook sampleHook, ProgressListener progress,
            BooleanSupplier cancelled, ResamplingPlan resampling) {
        if (denoiser == null || type == null || conditioning == null || resampling == null) {
            throw new IllegalArgumentException("Sampling loop needs a denoiser, a prediction type,"
                    + " a conditioning (Conditioning.none() for none) and a resampling plan");
        }
        this.denoiser = denoiser;
        this.type = type;
        this.conditioning = conditioning;
        this.predictionHook = predictionHook;
        this.sampleHook = sampleHook;
        this.progress = progress;
        this.cancelled = cancelled;
        this.resampling = resampling;
    }

    public SamplingLoop withConditioning(Conditioning c) {
        return new SamplingLoop(denoiser, type, c, predictionHook, sampleHook, progress, cancelled, resampling);
    }

    /** Null removes the hook. */
    public SamplingLoop withPredictionHook(PredictionHook hook) {
        return new SamplingLoop(denoiser, type, conditioning, hook, sampleHook, progress, cancelled, resampling);
    }

    /** Null removes the hook. */
    public SamplingLoop withSampleHook(SampleHook hook) {
        return new SamplingLoop(denoiser, type, conditioning, predictionHook, hook, progress, cancelled, resampling);
    }

    /** Null removes the listener. */
    public SamplingLoop withProgress(ProgressListener listener) {
        return new SamplingLoop(denoiser, type, conditioning, predictionHook, sampleHook, listener, cancelled,
                resampling);
    }

    /** A check returning true to stop; null removes it. */
    public SamplingLoop withCancellation(BooleanSupplier check) {
        return new SamplingLoop(denoiser, type, conditioning, predictionHook, sampleHook, progress, check,
                resampling);
    }

    public SamplingLoop withResampling(ResamplingPlan plan) {
        return new SamplingLoop(denoiser, type, conditioning, predictionHook, sampleHook, progress, cancelled, plan);
    }

    /**
     * Runs every evaluation of {@code run} from {@code start} and returns the final sample. {@code start} is
     * not modified.
     *
     * @throws CancelledException when the cancellation check fires
     * @throws IllegalArgumentException when the plan resamples but the run cannot
     */
    public Tensor run(SamplingRun run, Tensor start, GaussianNoise noise) {
        if (resampling.resamples() && !run.supportsResampling()) {
            throw new IllegalArgumentException("Resampling (RePaint jumps) needs a DDPM or DDIM sampler");
        }
        int[] moves = resampling.moves(run.evaluations());
        int total = (int) Arrays.stream(moves).filter(m -> m >= 0).count();
        int done = 0;
        Tensor x = start;
        for (int move : moves) {
            if (move < 0) {
                x = run.renoise(x, -move - 1, noise);
                continue;
            }
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancelledException("Sampling cancelled after " + done + " of " + total + " steps");
            }
            Prediction p = predict(run, move, x);
            x = run.step(p, move, x, noise);
            if (sampleHook != null) {
                x = sampleHook.apply(x, move);
            }
            done++;
            if (progress != null) {
                progress.progress(done, total, p.x0());
            }
        }
        return x;
    }

    /**
     * One model evaluation: the prediction for sample {@code x} at evaluation {@code k}, after the prediction
     * hook. Exposed for tasks that drive their own loop (null-text inversion).
     */
    public Prediction predict(SamplingRun run, int k, Tensor x) {
        Tensor xin = run.modelInput(x, k);
        long[] t = new long[xin.batch()];
        Arrays.fill(t, run.timestep(k));
        Tensor out = denoiser.predict(xin, t, conditioning.conditionalBatch(xin.batch()));
        if (out == null || !out.sameShape(xin)) {
            throw new IllegalStateException("Denoiser returned " + out + " for an input of " + xin);
        }
        Prediction p = type.toPrediction(out, xin, run.alphaBar(k));
        return predictionHook == null ? p : predictionHook.apply(p, k, x);
    }
}
