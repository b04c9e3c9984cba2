package org.diffusionj.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.engine.DifferentiableDenoiser;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.inversion.NullTextInversion;
import org.diffusionj.engine.inversion.NullTextInversion.Inversion;
import org.diffusionj.engine.inversion.NullTextInversion.Mode;
import org.diffusionj.engine.model.ConditioningKind;
import org.diffusionj.engine.task.MaskOperator;
import org.diffusionj.engine.task.ModelSpace;
import org.diffusionj.runtime.ModelManifest;

/**
 * The null-text edit behind {@link DiffusionEngine#nullTextEdit}: checks, normalisation in and out, the
 * inversion and the edit, and the exact copy of the pixels outside the mask.
 */
final class NullTextEditing {
    private NullTextEditing() {
    }

    /** The largest side the whole-image inversion accepts (no per-step tiling: the gradient needs one pass). */
    static final int MAX_SIDE = 256;

    static Result run(ModelManifest model, DifferentiableDenoiser network, Tensor image, Tensor fill, String source,
            String target, NullTextOptions options, Progress progress) {
        if (model.conditioning() == ConditioningKind.CLASS) {
            requireTarget(model, target); // before the long inversion, not after it
        }
        // one progress bar over both halves: the inversion is 2 N model-step units, the edit N
        int n = options.steps;
        InvertedImage inverted = invert(model, network, image, source, options, part(progress, 0, 3 * n));
        return edit(inverted, fill, target, options.strength, part(progress, 2 * n, 3 * n));
    }

    /** {@code whole} seen from one part of the work: that part's units start at {@code offset} of {@code total}. */
    private static Progress part(Progress whole, int offset, int total) {
        return new Progress() {
            @Override
            public void step(int done, int ignored) {
                whole.step(offset + done, total);
            }

            @Override
            public boolean cancelled() {
                return whole.cancelled();
            }
        };
    }

    /** Checks everything the inversion needs, then inverts {@code image} under {@code source}. */
    static InvertedImage invert(ModelManifest model, DifferentiableDenoiser network, Tensor image, String source,
            NullTextOptions options, Progress progress) {
        TaskSetup.require(model.conditioning() == ConditioningKind.CLASS, "Null-text inversion needs a class-conditional model;"
                + " model '" + model.name() + "' is " + model.conditioning() + "-conditioned. Use SDEdit instead.");
        TaskSetup.require(source != null && !source.isBlank(), "source: name the class the image shows, one of "
                + model.classes());
        Mode mode = mode(options.mode);
        Range.whole("steps", (long) NullTextOptions.STEPS.min(), model.timesteps()).check(options.steps);
        TaskSetup.require(image.width() <= MAX_SIDE && image.height() <= MAX_SIDE, "Null-text edit inverts the whole"
                + " image at once: at most " + MAX_SIDE + " x " + MAX_SIDE + " pixels, got " + image.width() + " x "
                + image.height() + ". Select a smaller region or crop.");
        float[] sourceRow = model.embeddings()[model.classIndex(source)];
        long start = System.nanoTime();
        ModelSpace space = ModelSpace.of(image, model.channels(), options.lowPercentile, options.highPercentile);
        NullTextInversion nti = new NullTextInversion(network, model.prediction(),
                model.schedule(), options.steps, options.guidance, options.inner)
                .withProgress((done, total, preview) -> progress.step(done, total), progress::cancelled);
        Inversion inversion = nti.invert(space.toModel(image), sourceRow, model.embeddings()[0], mode);
        return new InvertedImage(model, nti, inversion, space, image, sourceRow, options.steps,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Regenerates an inverted image under {@code source + strength (target - source)}; with {@code fill} (1 = may
     * change) the pixels outside it are copied from the original exactly.
     */
    static Result edit(InvertedImage inverted, Tensor fill, String target, double strength, Progress progress) {
        ModelManifest model = inverted.model();
        requireTarget(model, target);
        Options.STRENGTH.check(strength);
        Tensor image = inverted.image();
        float[] targetRow = towards(inverted.sourceRow(), model.embeddings()[model.classIndex(target)], strength);
        long start = System.nanoTime();
        MaskOperator keep = fill == null ? null : new MaskOperator(known(fill));
        Tensor edited = inverted.nti().withProgress((done, total, preview) -> progress.step(done, total),
                progress::cancelled).edit(inverted.inversion(), targetRow, keep == null ? null : keep.known());
        Tensor out = inverted.space().fromModel(edited, image.channels());
        if (keep != null) {
            out = keep.keepKnown(out, image);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("steps", (double) inverted.steps());
        metrics.put("strength", strength);
        metrics.put("meanFinalLoss", mean(inverted.inversion().losses()));
        metrics.put("meanInitialLoss", mean(inverted.inversion().initialLosses()));
        var check = inverted.inversion().gradientCheck();
        if (check != null) {
            metrics.put("gradientCheckRatio", check.ratio());
            if (!check.passed()) {
                metrics.put("gradientsWrong", 1.0); // nothing optimised: negative-prompt inversion's embeddings
            }
        }
        metrics.put("inversionSeconds", inverted.seconds());
        metrics.put("seconds", inverted.seconds() + (System.nanoTime() - start) / 1e9);
        return new Result(ImageConversion.img(out), null, metrics);
    }

    private static void requireTarget(ModelManifest model, String target) {
        TaskSetup.require(target != null && !target.isBlank(), "target: name the class to edit towards, one of "
                + model.classes());
        model.classIndex(target); // names the classes when it is not one of them
    }


    static Mode mode(String name) {
        String m = name == null ? "exact" : name.trim().toLowerCase(Locale.ROOT);
        switch (m) {
            case "exact":
                return Mode.EXACT;
            case "fast":
                return Mode.FAST;
            case "plain":
                return Mode.PLAIN;
            default:
                throw new IllegalArgumentException("mode must be exact (null-text), fast (negative-prompt) or plain"
                        + " (DDIM inversion only), got '" + name + "'");
        }
    }

    /** {@code from + w (to - from)}: the condition the edit samples under. */
    private static float[] towards(float[] from, float[] to, double w) {
        float[] out = new float[from.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (from[i] + w * (to[i] - from[i]));
        }
        return out;
    }

    private static Tensor known(Tensor fill) {
        float[] k = new float[fill.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = fill.data()[i] > 0 ? 0f : 1f;
        }
        return new Tensor(k, 1, 1, fill.height(), fill.width());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? 0 : s / v.length;
    }
}
