package org.diffusionj.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DenoiseOptions;
import org.diffusionj.api.Result;
import org.diffusionj.engine.noise.PoissonGaussianNoise;

/**
 * {@code z=consistent} on a plane task run over a z-stack: the synthetic nuclei and filament volumes of the
 * isotropic section (isotropic truth, Gaussian PSF of 1 voxel) scaled to a peak of {@value #PEAK} photons with
 * Poisson noise, every slice denoised ({@code DiffusionEngine.denoiseStack}, the noise model given: gain 1)
 * independently (each slice its own normalisation and draw, as the per-plane commands) and with the slices
 * sampled together, coupled at every step by the TV prox along z at several weights. Measured against the
 * clean volume: PSNR over the volume, SSIM averaged over the xy planes, and the slice ratio: the mean
 * {@code |slice[z+1] - slice[z]|} over the truth's (1 = as smooth along z as the truth).
 */
final class ZConsistencyEval {

    /** Photons at the brightest voxel of the truth. */
    static final double PEAK = 30;
    /** Volumes of each kind. */
    static final int VOLUMES = 2;
    /** The z weights measured; the first is the default ({@code Options.zWeight}). */
    static final double[] WEIGHTS = {new DenoiseOptions().zWeight, 0.05, 0.1};

    private ZConsistencyEval() {
    }

    static void run(EvalContext ctx) {
        int side = Math.max(16, ctx.settings.size() / 2);
        for (String kind : new String[] {"nuclei", "filaments"}) {
            for (int i = 1; i <= VOLUMES; i++) {
                long seed = 1000L * i + kind.hashCode();
                float[] truth = kind.equals("nuclei") ? SyntheticVolumes.nuclei(side, side, side, seed)
                        : SyntheticVolumes.filaments(side, side, side, seed);
                measure(ctx, kind, i, truth, side, seed);
            }
        }
    }

    private static void measure(EvalContext ctx, String kind, int index, float[] truthData, int side, long seed) {
        float max = 0;
        for (float v : truthData) {
            max = Math.max(max, v);
        }
        float[] clean = new float[truthData.length];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = (float) (truthData[i] * PEAK / max);
        }
        FloatImage truth = new FloatImage(clean, side, side, side);
        PoissonGaussianNoise camera = PoissonGaussianNoise.poisson(1);
        float[] noisy = camera.apply(clean, new Random(seed));
        List<RandomAccessibleInterval<FloatType>> slices = new ArrayList<>();
        int plane = side * side;
        for (int z = 0; z < side; z++) {
            slices.add(ArrayImgs.floats(java.util.Arrays.copyOfRange(noisy, z * plane, (z + 1) * plane), side, side));
        }
        String volume = "synthetic " + kind + " #" + index;
        String setting = kind + String.format(Locale.ROOT, " %d^3 at %.0f photons", side, PEAK);
        System.err.println("z-consistency: " + volume + ", independent slices");
        add(ctx, volume, setting, "independent slices", truth, run(ctx, slices, false, 0));
        for (double w : WEIGHTS) {
            System.err.println("z-consistency: " + volume + ", zweight " + w);
            add(ctx, volume, setting, String.format(Locale.ROOT, "z-consistent (zweight %.2f)", w), truth,
                    run(ctx, slices, true, w));
        }
        add(ctx, volume, setting, "noisy", truth, new EvalContext.Timed(new FloatImage(noisy, side, side, side), 0));
    }

    private static EvalContext.Timed run(EvalContext ctx, List<RandomAccessibleInterval<FloatType>> slices,
            boolean consistent, double weight) {
        DenoiseOptions o = new DenoiseOptions();
        o.steps = ctx.settings.steps();
        o.seed = ctx.settings.seed();
        o.samples = ctx.settings.samples();
        o.className = ctx.classFor("fluorescence");
        o.gain = 1;
        o.zConsistent = consistent;
        o.zWeight = weight;
        long start = System.nanoTime();
        List<Result> out = ctx.engine.denoiseStack(slices, null, o, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EvalContext.Timed(FloatImage.stack(out.stream().map(r -> FloatImage.of(r.image()))
                .toArray(FloatImage[]::new)), seconds);
    }

    private static void add(EvalContext ctx, String volume, String setting, String method, FloatImage truth,
            EvalContext.Timed result) {
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        v.put("slice_ratio", sliceDifference(result.image()) / sliceDifference(truth));
        String model = ctx.classFor("fluorescence");
        ctx.report.add(new EvalReport.Row(volume, model == null ? "none" : model, "z-consistency", setting, method,
                v));
    }

    /** The mean {@code |v[z+1] - v[z]|} of a volume stored as channels = z. */
    static double sliceDifference(FloatImage v) {
        float[] d = v.data();
        int plane = v.width() * v.height();
        double sum = 0;
        for (int i = plane; i < d.length; i++) {
            sum += Math.abs(d[i] - d[i - plane]);
        }
        return sum / (d.length - plane);
    }
}
