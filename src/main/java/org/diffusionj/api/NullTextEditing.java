package org.diffusionj.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.engine.DifferentiableDenoiser;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.inversion.NullTextInversion;
import org.diffusionj.engine.inversion.NullTextInversion.Inversion;
import org.diffusionj.engine.inversion.NullTextInversion.Mode;
import org.diffusionj.engine.task.MaskOperator;
import org.diffusionj.engine.task.ModelSpace;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackages;

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
        TaskSetup.require(model.conditioning().equals("class"), "Null-text inversion needs a class-conditional model;"
                + " model '" + model.name() + "' is " + model.conditioning() + "-conditioned. Use SDEdit instead.");
        TaskSetup.require(source != null && !source.isBlank(), "source: name the class the image shows, one of "
                + model.classes());
        TaskSetup.require(target != null && !target.isBlank(), "target: name the class to edit towards, one of "
                + model.classes());
        Mode mode = mode(options.mode);
        TaskSetup.require(options.guidance >= 1, "guidance must be at least 1 for null-text inversion, got "
                + options.guidance);
        TaskSetup.require(options.steps >= 2 && options.steps <= model.timesteps(), "steps must be between 2 and "
                + model.timesteps() + ", got " + options.steps);
        TaskSetup.require(options.inner >= 1, "inner must be at least 1, got " + options.inner);
        TaskSetup.require(options.strength >= 0 && options.strength <= 1, "strength must be between 0 and 1, got "
                + options.strength);
        TaskSetup.require(image.width() <= MAX_SIDE && image.height() <= MAX_SIDE, "Null-text edit inverts the whole"
                + " image at once: at most " + MAX_SIDE + " x " + MAX_SIDE + " pixels, got " + image.width() + " x "
                + image.height() + ". Select a smaller region or crop.");
        float[][] table = model.embeddings();
        float[] sourceRow = table[model.classIndex(source)];
        float[] targetRow = towards(sourceRow, table[model.classIndex(target)], options.strength);

        long start = System.nanoTime();
        ModelSpace space = ModelSpace.of(image, model.channels(), options.lowPercentile, options.highPercentile);
        Tensor x0 = space.toModel(image);
        NullTextInversion nti = new NullTextInversion(network, ModelPackages.predictionType(model),
                ModelPackages.schedule(model), options.steps, options.guidance, options.inner)
                .withProgress((done, total, preview) -> progress.step(done, 3 * options.steps), progress::cancelled);
        Inversion inversion = nti.invert(x0, sourceRow, table[0], mode);
        MaskOperator keep = fill == null ? null : new MaskOperator(known(fill));
        Tensor maskInModel = keep == null ? null : ModelSpace.expand(Tensors.sub(Tensors.full(fill, 1f),
                keep.known()), model.channels());
        Tensor edited = nti.withProgress((done, total, preview) -> progress.step(2 * options.steps + done,
                3 * options.steps), progress::cancelled).edit(inversion, targetRow, maskInModel);
        Tensor out = space.fromModel(edited, image.channels());
        if (keep != null) {
            out = keep.keepKnown(out, image);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("steps", (double) options.steps);
        metrics.put("strength", options.strength);
        metrics.put("meanFinalLoss", mean(inversion.losses()));
        metrics.put("meanInitialLoss", mean(inversion.initialLosses()));
        metrics.put("seconds", (System.nanoTime() - start) / 1e9);
        return new Result(ImageConversion.img(out), null, metrics);
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
