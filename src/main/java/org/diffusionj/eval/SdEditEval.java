package org.diffusionj.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionj.api.Options;

/**
 * SDEdit faithfulness: PSNR and SSIM of the result to its guide (the crop) for strengths 0 to 1. Strength 0
 * returns the guide itself; more strength re-synthesises more, so the PSNR must fall monotonically (Meng et
 * al. 2022, figure 3); the note says on how many crops it does.
 */
final class SdEditEval {

    static final double[] STRENGTHS = {0, 0.25, 0.5, 0.75, 1};
    private static final String TASK = "sdedit";

    private final List<String> falling = new ArrayList<>();
    private final List<String> notFalling = new ArrayList<>();

    void run(EvalContext ctx, TestImageSet.Crop crop) {
        FloatImage guide = crop.image();
        double previous = Double.POSITIVE_INFINITY;
        boolean monotonic = true;
        for (int k = 0; k < STRENGTHS.length; k++) {
            EvalContext.Timed r = EvalContext.Timed.of(ctx.engine.sdedit(guide.toImg(), null, STRENGTHS[k],
                    ctx.options(new Options(), crop), null));
            double psnr = Measures.psnr(guide, r.image());
            monotonic &= k == 0 || psnr < previous;
            previous = psnr;
            ctx.add(crop, TASK, String.format(Locale.ROOT, "strength %.2f", STRENGTHS[k]), "ours",
                    EvalContext.fullReference(guide, r));
            if (STRENGTHS[k] == 0.5 && crop.index() == 1) {
                ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, "sdedit, strength 0.5",
                        String.format(Locale.ROOT, "PSNR to the guide %.1f dB", psnr)), guide, guide, null, null,
                        r.image()));
            }
        }
        (monotonic ? falling : notFalling).add(crop.label());
    }

    /** Adds the monotonicity note to the report. */
    void note(EvalContext ctx) {
        int n = falling.size() + notFalling.size();
        ctx.report.note(TASK, String.format(Locale.ROOT,
                "PSNR to the guide falls strictly with the strength on %d of %d crops%s", falling.size(), n,
                notFalling.isEmpty() ? "" : " (not on " + String.join(", ", notFalling) + ")"));
    }
}
