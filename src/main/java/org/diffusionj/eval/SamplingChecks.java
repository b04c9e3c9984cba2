package org.diffusionj.eval;

import java.util.Map;
import org.diffusionj.api.SuperResolutionOptions;
import org.diffusionj.engine.tiling.SeamMetric;
import org.diffusionj.engine.tiling.TilePlan;

/**
 * Two checks of the sampling machinery on super-resolution: the posterior mean of several draws against one draw
 * (the mean should score the higher PSNR, since it averages out what the draws invent), and a run on tiles of
 * half the output against the untiled run (per-step tiling should leave no seams at the tile borders).
 */
final class SamplingChecks {

    private SamplingChecks() {
    }

    /**
     * Our x4 result {@code ours} (the mean of the settings' draws) against one draw with the same first seed; with
     * one draw in the settings, against the mean of four instead.
     */
    static void posteriorMean(EvalContext ctx, TestImageSet.Crop crop, EvalContext.Timed ours) {
        FloatImage low = SuperResolutionEval.input(ctx, crop, 4, 0);
        int drawn = ctx.settings.samples();
        int other = drawn == 1 ? 4 : 1;
        EvalContext.Timed compared = EvalContext.Timed.of(ctx.engine.superResolve(low.toImg(), 4,
                ctx.options(new SuperResolutionOptions(), crop, other), null));
        EvalContext.Timed mean = drawn == 1 ? compared : ours;
        EvalContext.Timed oneDraw = drawn == 1 ? ours : compared;
        ctx.add(crop, "posterior mean", "super-resolution x4", "mean of " + Math.max(drawn, other),
                EvalContext.fullReference(crop.image(), mean));
        ctx.add(crop, "posterior mean", "super-resolution x4", "1 draw",
                EvalContext.fullReference(crop.image(), oneDraw));
    }

    /** x2 on tiles of half the output (at least the model's minimum) against {@code untiled}, our x2 result. */
    static void tiling(EvalContext ctx, TestImageSet.Crop crop, EvalContext.Timed untiled) {
        FloatImage low = SuperResolutionEval.input(ctx, crop, 2, 0);
        FloatImage truth = crop.image();
        int tile = Math.max(ctx.engine.model().minSize(), truth.width() / 2);
        SuperResolutionOptions options = ctx.options(new SuperResolutionOptions(), crop, ctx.settings.samples());
        options.tile = tile;
        options.overlap = tile / 4;
        EvalContext.Timed tiled = EvalContext.Timed.of(ctx.engine.superResolve(low.toImg(), 2, options, null));
        TilePlan plan = TilePlan.cover(truth.width(), truth.height(), tile, tile / 4);
        String setting = "super-resolution x2 on " + plan.count() + " tiles";
        ctx.add(crop, "tiling", setting, "tiled", withSeams(truth, tiled, plan));
        ctx.add(crop, "tiling", setting, "untiled", withSeams(truth, untiled, plan));
    }

    private static Map<String, Double> withSeams(FloatImage truth, EvalContext.Timed r, TilePlan plan) {
        Map<String, Double> v = EvalContext.fullReference(truth, r);
        FloatImage img = r.image();
        v.put("tile_seams", SeamMetric.ratio(img.toTensor(), plan));
        return v;
    }
}
