package org.diffusionj.eval;

import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.InpaintOptions;

/**
 * Inpainting against the harmonic (Laplace) fill: on thin defects, PSNR inside them; on a large square hole,
 * also whether the fill has the truth's fine texture ({@link HoleMeasures#detailRatio}) and a seamless border
 * ({@link HoleMeasures#seamRatio}). Both methods must leave every pixel outside the mask as it was. Thin defects
 * are scored by PSNR, so ours there is the posterior mean of the settings' draws; the hole is scored on
 * realism, which a mean would blur, so there ours is one draw.
 */
final class InpaintingEval {

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
        int samples = defect == Defects.HOLE ? 1 : ctx.settings.samples();
        EvalContext.Timed ours = EvalContext.Timed.of(ctx.engine.inpaint(truth.toImg(), maskImage.toImg(),
                ctx.options(new InpaintOptions(), crop, samples), null));
        EvalContext.Timed harmonic = EvalContext.Timed.of(() -> HarmonicFill.fill(truth, mask).image());
        add(ctx, crop, task, setting, EvalContext.ours(samples), ours, mask, defect == Defects.HOLE);
        add(ctx, crop, task, setting, "harmonic", harmonic, mask, defect == Defects.HOLE);
        if (crop.index() == 1 && (defect == Defects.SCRATCHES || defect == Defects.HOLE)) {
            ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, task + ", " + setting, String.format(
                    Locale.ROOT, "in mask: harmonic %.1f dB, ours %.1f dB", Measures.psnr(truth, harmonic.image(),
                            mask), Measures.psnr(truth, ours.image(), mask))), truth, truth, mask, harmonic.image(),
                    ours.image()));
        }
    }

    private static void add(EvalContext ctx, TestImageSet.Crop crop, String task, String setting, String method,
            EvalContext.Timed result, boolean[] mask, boolean hole) {
        FloatImage truth = crop.image();
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        v.put("psnr_mask", Measures.psnr(truth, result.image(), mask));
        if (hole) {
            v.put("detail_ratio", HoleMeasures.detailRatio(truth, result.image(), mask));
            v.put("seam_ratio", HoleMeasures.seamRatio(truth, result.image(), mask));
        }
        v.put("consistency", Measures.relativeMaxDifference(truth, result.image(), invert(mask), truth.range()));
        ctx.add(crop, task, setting, method, v);
    }

    private static boolean[] invert(boolean[] mask) {
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = !mask[i];
        }
        return out;
    }
}
