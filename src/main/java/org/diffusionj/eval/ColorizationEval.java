package org.diffusionj.eval;

import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.Options;

/**
 * Colorization of an RGB crop's gray value (the mean of R, G, B) against the gray replicated to RGB: PSNR and
 * SSIM to the true colours, colourfulness of the result and of the truth, and the luma consistency
 * {@code gray(result) - gray input}.
 */
final class ColorizationEval {

    private ColorizationEval() {
    }

    static void run(EvalContext ctx, TestImageSet.Crop crop) {
        FloatImage truth = crop.image();
        FloatImage gray = Degradations.gray(truth);
        EvalContext.Timed ours = EvalContext.Timed.of(ctx.engine.colorize(gray.toImg(),
                ctx.options(new Options(), crop), null));
        EvalContext.Timed replicated = EvalContext.Timed.of(() -> Degradations.replicate(gray));
        add(ctx, crop, "ours", ours, gray);
        add(ctx, crop, "gray", replicated, gray);
        if (crop.index() == 1) {
            ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, "colorization", String.format(Locale.ROOT,
                    "colourfulness: truth %.1f, ours %.1f", Measures.colourfulness(truth),
                    Measures.colourfulness(ours.image()))), truth, gray, null, replicated.image(), ours.image()));
        }
    }

    private static void add(EvalContext ctx, TestImageSet.Crop crop, String method, EvalContext.Timed result,
            FloatImage gray) {
        FloatImage truth = crop.image();
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        v.put("colourfulness", Measures.colourfulness(result.image()));
        v.put("colourfulness_truth", Measures.colourfulness(truth));
        v.put("consistency", Measures.relativeRms(Degradations.gray(result.image()), gray, truth.range()));
        ctx.add(crop, "colorization", "gray to RGB", method, v);
    }
}
