package org.diffusionj.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.SuperResolutionOptions;
import org.diffusionj.engine.task.Normalization;

/**
 * Super-resolution x2 and x4 of the average-pooled truth, clean and with Gaussian noise added to the pooled
 * input (DDNM+ then gets the noise level: Wang et al. 2023, "Zero-shot image restoration using denoising
 * diffusion null-space model", section 3.3), against ImageJ's bicubic and nearest-neighbour resize. Every method
 * is scored the same way: PSNR and SSIM to the truth, and the consistency {@code avgpool(result) - input}.
 * Ours is the posterior mean of the settings' draws.
 */
final class SuperResolutionEval {

    private SuperResolutionEval() {
    }

    /** Runs the four settings; returns our results by setting ("x2", "x4", "x2 noise 0.03", ...). */
    static Map<String, EvalContext.Timed> run(EvalContext ctx, TestImageSet.Crop crop) {
        Map<String, EvalContext.Timed> ours = new LinkedHashMap<>();
        for (double noise : new double[] {0, ctx.settings.noise()}) {
            for (int scale : new int[] {2, 4}) {
                String setting = "x" + scale + (noise == 0 ? "" : String.format(Locale.ROOT, " noise %.2g", noise));
                ours.put(setting, measure(ctx, crop, scale, noise, setting));
            }
        }
        return ours;
    }

    /** The pooled (and possibly noisy) input for {@code scale}. */
    static FloatImage input(EvalContext ctx, TestImageSet.Crop crop, int scale, double noise) {
        FloatImage low = Degradations.averagePool(crop.image(), scale);
        return noise == 0 ? low
                : Degradations.addNoise(low, noise * crop.image().range(), EvalContext.seedOf(crop) + scale);
    }

    private static EvalContext.Timed measure(EvalContext ctx, TestImageSet.Crop crop, int scale, double noise,
            String setting) {
        FloatImage truth = crop.image();
        FloatImage low = input(ctx, crop, scale, noise);
        SuperResolutionOptions options = ctx.options(new SuperResolutionOptions(), crop, ctx.settings.samples());
        options.noise = noise == 0 ? 0 : noise * truth.range() / normalizationRange(low, options);
        EvalContext.Timed ours = EvalContext.Timed.of(ctx.engine.superResolve(low.toImg(), scale, options, null));
        EvalContext.Timed bicubic = EvalContext.Timed.of(() -> Upsampling.bicubic(low, scale));
        EvalContext.Timed nearest = EvalContext.Timed.of(() -> Upsampling.nearest(low, scale));
        add(ctx, crop, setting, EvalContext.ours(ctx.settings.samples()), ours, low, scale);
        add(ctx, crop, setting, "bicubic (ImageJ)", bicubic, low, scale);
        add(ctx, crop, setting, "nearest", nearest, low, scale);
        if (crop.index() == 1 && scale == 4) {
            ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, "super-resolution " + setting,
                    String.format(Locale.ROOT, "PSNR: bicubic %.1f dB, ours %.1f dB", Measures.psnr(truth,
                            bicubic.image()), Measures.psnr(truth, ours.image()))), truth, low, null, bicubic.image(),
                    ours.image()));
        }
        return ours;
    }

    /**
     * The input range the engine maps to [-1, 1] (its percentile normalisation); the options' noise level is a
     * fraction of it.
     */
    private static double normalizationRange(FloatImage low, SuperResolutionOptions o) {
        Normalization n = Normalization.of(low.copy().toTensor(), o.lowPercentile, o.highPercentile);
        return n.high() - n.low();
    }

    private static void add(EvalContext ctx, TestImageSet.Crop crop, String setting, String method,
            EvalContext.Timed result, FloatImage low, int scale) {
        Map<String, Double> v = EvalContext.fullReference(crop.image(), result);
        v.put("consistency", Measures.relativeRms(Degradations.averagePool(result.image(), scale), low,
                crop.image().range()));
        ctx.add(crop, "super-resolution", setting, method, v);
    }
}
