package org.diffusionj.eval;

import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.InpaintOptions;
import org.diffusionj.api.Result;
import org.diffusionj.engine.task.HarmonicFill;

/**
 * Inpainting against the harmonic (Laplace) fill: on thin defects, PSNR inside them; on a large square hole,
 * also whether the fill has the truth's fine texture ({@link HoleMeasures#detailRatio}) and a seamless border
 * ({@link HoleMeasures#seamRatio}). Both methods must leave every pixel outside the mask as it was. Thin defects
 * are scored by PSNR, so ours there is the PSNR-oriented setting: sampling from the harmonic fill noised to
 * {@link #THIN_START}, the settings' draws averaged and weighed against that fill ({@code fill_weight}); the
 * hole is scored on realism, which a mean would blur, so there ours is one draw from noise.
 */
final class InpaintingEval {

    /**
     * Where sampling starts on thin defects: the harmonic fill noised to 0.3 of the schedule (the recommended
     * setting for defects; the large hole starts from noise). Chosen on the first crop of each image (0.3 beat 0.5
     * by 0.1 dB) and checked on the second (0.3 and 0.2 within 0.03 dB).
     */
    static final double THIN_START = 0.3;

    private static final Defects[] THIN = {Defects.DEAD_LINES, Defects.SCAN_LINES, Defects.SCRATCHES, Defects.SPOTS};

    private InpaintingEval() {
    }

    static void run(EvalContext ctx, TestImageSet.Crop crop) {
        for (Defects d : THIN) {
            measure(ctx, crop, d, "inpainting", d.label());
        }
        int side = Math.round(Math.min(crop.image().width(), crop.image().height()) * 3 / 8f);
        measure(ctx, crop, Defects.HOLE, "hole", side + " x " + side);
    }

    private static void measure(EvalContext ctx, TestImageSet.Crop crop, Defects defect, String task, String setting) {
        FloatImage truth = crop.image();
        boolean[] mask = defect.mask(truth.width(), truth.height(), EvalContext.seedOf(crop));
        FloatImage maskImage = Defects.asImage(mask, truth.width(), truth.height());
        boolean hole = defect == Defects.HOLE;
        InpaintOptions options = ctx.options(new InpaintOptions(), crop, hole ? 1 : ctx.settings.samples());
        options.start = hole ? 1 : ctx.settings.defectStart();
        Result result = ctx.engine.inpaint(truth.toImg(), maskImage.toImg(), options, null);
        EvalContext.Timed ours = EvalContext.Timed.of(result);
        EvalContext.Timed harmonic = EvalContext.Timed.of(
                () -> FloatImage.of(HarmonicFill.fill(truth.toTensor(), mask).image()));
        Map<String, Double> ourFigures = figures(truth, ours, mask, hole);
        ourFigures.put("fill_weight", result.metrics().getOrDefault("fillWeight", Double.NaN));
        ctx.add(crop, task, setting, EvalContext.ours(options.samples), ourFigures);
        ctx.add(crop, task, setting, "harmonic", figures(truth, harmonic, mask, hole));
        if (crop.index() == 1 && (defect == Defects.SCRATCHES || defect == Defects.HOLE)) {
            ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, task + ", " + setting, String.format(
                    Locale.ROOT, "in mask: harmonic %.1f dB, ours %.1f dB", Measures.psnr(truth, harmonic.image(),
                            mask), Measures.psnr(truth, ours.image(), mask))), truth, truth, mask, harmonic.image(),
                    ours.image()));
        }
    }

    private static Map<String, Double> figures(FloatImage truth, EvalContext.Timed result, boolean[] mask,
            boolean hole) {
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        v.put("psnr_mask", Measures.psnr(truth, result.image(), mask));
        if (hole) {
            v.put("detail_ratio", HoleMeasures.detailRatio(truth, result.image(), mask));
            v.put("seam_ratio", HoleMeasures.seamRatio(truth, result.image(), mask));
        }
        v.put("consistency", Measures.relativeMaxDifference(truth, result.image(), invert(mask), truth.range()));
        return v;
    }

    private static boolean[] invert(boolean[] mask) {
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = !mask[i];
        }
        return out;
    }
}
