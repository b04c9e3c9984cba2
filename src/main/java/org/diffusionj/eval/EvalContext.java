package org.diffusionj.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.Options;
import org.diffusionj.api.Result;

/**
 * What every task evaluation shares: the engine, the settings, the report and the contact sheet, the options
 * each run gets (steps, seed, the model's class for the image) and the figures every row carries.
 */
final class EvalContext {

    /** An image a method produced, and the seconds it took. */
    record Timed(FloatImage image, double seconds) {
        static Timed of(Result r) {
            return new Timed(FloatImage.of(r.image()), r.metrics().getOrDefault("seconds", Double.NaN));
        }

        static Timed of(Supplier<FloatImage> method) {
            long start = System.nanoTime();
            FloatImage image = method.get();
            return new Timed(image, (System.nanoTime() - start) / 1e9);
        }
    }

    final DiffusionEngine engine;
    final EvalSettings settings;
    final EvalReport report;
    final ContactSheet sheet;

    EvalContext(DiffusionEngine engine, EvalSettings settings, EvalReport report, ContactSheet sheet) {
        this.engine = engine;
        this.settings = settings;
        this.report = report;
        this.sheet = sheet;
    }

    /** {@code o} with the evaluation's steps and seed and the model's class for the crop's kind. */
    <T extends Options> T options(T o, TestImageSet.Crop crop) {
        o.steps = settings.steps();
        o.seed = settings.seed();
        o.className = classFor(crop.source().kind());
        return o;
    }

    /** {@link #options} drawing {@code samples} restorations and returning their mean. */
    <T extends Options> T options(T o, TestImageSet.Crop crop, int samples) {
        options(o, crop).samples = samples;
        return o;
    }

    /** Our method's name in the report: "ours" for one draw, "ours (mean of N)" for the posterior mean. */
    static String ours(int samples) {
        return samples == 1 ? "ours" : "ours (mean of " + samples + ")";
    }

    /** The model's class named like the kind of image, or null (unconditional) when it has none. */
    String classFor(String kind) {
        return kind != null && engine.model().classes().contains(kind) ? kind : null;
    }

    /** A seed for the crop's degradations (masks, noise), the same on every run. */
    static long seedOf(TestImageSet.Crop crop) {
        return crop.label().hashCode();
    }

    /** PSNR, SSIM and seconds of {@code result} against {@code truth}: the start of every row. */
    static Map<String, Double> fullReference(FloatImage truth, Timed result) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("psnr", Measures.psnr(truth, result.image()));
        v.put("ssim", Measures.ssim(truth, result.image()));
        v.put("seconds", result.seconds());
        return v;
    }

    void add(TestImageSet.Crop crop, String task, String setting, String method, Map<String, Double> values) {
        String model = classFor(crop.source().kind());
        report.add(new EvalReport.Row(crop.label(), model == null ? "none" : model, task, setting, method, values));
    }

    /** A contact-sheet label: the crop, the task and setting, and a figure per method. */
    static String[] label(TestImageSet.Crop crop, String task, String figures) {
        return new String[] {crop.label(), task, figures};
    }
}
