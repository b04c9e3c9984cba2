package org.diffusionj.eval;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Result;
import org.diffusionj.api.IsotropicOptions;
import org.diffusionj.engine.noise.PoissonGaussianNoise;

/**
 * Isotropic reconstruction at r = 4 of synthetic volumes (nuclei, filaments; isotropic ground truth): the truth
 * z-average-pooled by 4 is the input, as if its slices were 4 voxels thick. Ours ({@code DiffusionEngine.isotropic},
 * the mean of the settings' draws per slice, xz and yz averaged) against linear and cubic (Catmull-Rom) interpolation along z. PSNR over
 * the volume, SSIM averaged over the xy planes, consistency = RMS of A(result) - input over the truth's range, A
 * the variant's own imaging (z-pooling, after the axial blur in the anisotropic variant).
 * The volumes' side is half the evaluation's crop size. Each volume also in a noisy variant: scaled to
 * {@value #NOISY_PEAK} photons at its brightest voxel, the thick slices with Poisson noise (ours with {@code
 * denoise}, the noise model estimated); and in an anisotropic one: noisy, and the thin sections blurred along z
 * by {@link #AXIAL_BLUR} before the pooling (no method is told the blur: modelling it in the DDNM operator was
 * measured worse than cubic interpolation with this noise). Cubic and linear interpolation get the same thick
 * slices.
 */
final class IsotropicEval {

    static final int FACTOR = 4;
    /** Photons at the brightest voxel of the thick slices in the noisy variant (Poisson noise). */
    static final double NOISY_PEAK = 100;
    /**
     * The anisotropic variant's axial blur in voxels, {@code sqrt(3^2 - 1)}: with the volumes' PSF of sigma 1 voxel,
     * a PSF three times longer along z than across (a confocal's 0.25 um laterally, 0.75 um axially).
     */
    static final double AXIAL_BLUR = Math.sqrt(8);
    /** Volumes of each kind. */
    static final int VOLUMES = 3;

    private IsotropicEval() {
    }

    static void run(EvalContext ctx) {
        int side = Math.max(16, ctx.settings.size() / 2);
        side -= side % FACTOR;
        for (String kind : new String[] {"nuclei", "filaments"}) {
            for (int i = 1; i <= VOLUMES; i++) {
                long seed = 1000L * i + kind.hashCode();
                float[] truth = kind.equals("nuclei") ? SyntheticVolumes.nuclei(side, side, side, seed)
                        : SyntheticVolumes.filaments(side, side, side, seed);
                measure(ctx, kind, i, truth, side, 0, 0);
                measure(ctx, kind, i, truth, side, NOISY_PEAK, 0);
                measure(ctx, kind, i, truth, side, NOISY_PEAK, AXIAL_BLUR);
            }
        }
    }

    /**
     * One volume; with {@code peak} > 0 the truth is scaled to that many photons at its brightest voxel and the
     * thick slices get Poisson noise (ours: {@code denoise}, the noise model estimated from the stack); with
     * {@code axialBlur} > 0 the thin sections are blurred along z by that sigma before they are averaged into thick
     * slices (the truth stays the isotropic volume; no method is told the blur).
     */
    private static void measure(EvalContext ctx, String kind, int index, float[] truthData, int side, double peak,
            double axialBlur) {
        float[] scaled = truthData;
        if (peak > 0) {
            float max = 0;
            for (float v : truthData) {
                max = Math.max(max, v);
            }
            scaled = new float[truthData.length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = (float) (truthData[i] * peak / max);
            }
        }
        FloatImage truth = new FloatImage(scaled, side, side, side);
        float[] input = zPool(axialBlur > 0 ? SyntheticVolumes.blurZ(scaled, side, side, side, axialBlur) : scaled,
                side, side, side, FACTOR);
        if (peak > 0) {
            input = PoissonGaussianNoise.poisson(1).apply(input, new Random(index * 7919L + kind.hashCode()));
        }
        int depth = side / FACTOR;
        float[] observed = input;
        Img<FloatType> volume = ArrayImgs.floats(input.clone(), side, side, depth);
        IsotropicOptions options = new IsotropicOptions();
        options.denoise = peak > 0;
        options.steps = ctx.settings.steps();
        options.seed = ctx.settings.seed();
        options.samples = ctx.settings.samples();
        options.className = ctx.classFor("fluorescence");
        Result r = ctx.engine.isotropic(volume, FACTOR, options, null);
        EvalContext.Timed ours = EvalContext.Timed.of(r);
        String setting = kind + String.format(Locale.ROOT, " %d^3 r = %d", side, FACTOR)
                + (axialBlur > 0 ? String.format(Locale.ROOT, " axial PSF +%.2f", axialBlur) : "")
                + (peak > 0 ? String.format(Locale.ROOT, " Poisson %.0f photons", peak) : "");
        // ours is the mean of the settings' draws per slice (PSNR scores it), xz and yz averaged
        String volumeName = "synthetic " + kind + " #" + index;
        add(ctx, volumeName, setting, EvalContext.ours(options.samples), truth, ours, input, axialBlur);
        add(ctx, volumeName, setting, "cubic z-interpolation", truth, EvalContext.Timed.of(() -> new FloatImage(
                zInterpolate(observed, side, side, depth, FACTOR, true), side, side, side)), input, axialBlur);
        add(ctx, volumeName, setting, "linear z-interpolation", truth, EvalContext.Timed.of(() -> new FloatImage(
                zInterpolate(observed, side, side, depth, FACTOR, false), side, side, side)), input, axialBlur);
    }

    private static void add(EvalContext ctx, String volume, String setting, String method, FloatImage truth,
            EvalContext.Timed result, float[] input, double axialBlur) {
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        int w = truth.width();
        int h = truth.height();
        int d = truth.channels();
        // the observation's own imaging: the axial blur (if any), then z-pooling
        float[] imaged = axialBlur > 0 ? SyntheticVolumes.blurZ(result.image().data(), w, h, d, axialBlur)
                : result.image().data();
        FloatImage pooled = new FloatImage(zPool(imaged, w, h, d, FACTOR), w, h, d / FACTOR);
        FloatImage in = new FloatImage(input, truth.width(), truth.height(), truth.channels() / FACTOR);
        v.put("consistency", Measures.relativeRms(pooled, in, truth.range()));
        String model = ctx.classFor("fluorescence");
        ctx.report.add(new EvalReport.Row(volume, model == null ? "none" : model, "isotropic", setting, method, v));
    }

    /** Averages every {@code r} consecutive z slices. */
    static float[] zPool(float[] v, int w, int h, int d, int r) {
        int plane = w * h;
        float[] out = new float[plane * (d / r)];
        for (int z = 0; z < d / r; z++) {
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < plane; i++) {
                    out[z * plane + i] += v[(z * r + j) * plane + i] / r;
                }
            }
        }
        return out;
    }

    /**
     * Each input slice taken as the sample at the centre of its r output slices; values between by linear or
     * cubic (Catmull-Rom) interpolation along z, ends clamped.
     */
    static float[] zInterpolate(float[] v, int w, int h, int d, int r, boolean cubic) {
        int plane = w * h;
        float[] out = new float[plane * d * r];
        for (int zo = 0; zo < d * r; zo++) {
            double pos = (zo + 0.5) / r - 0.5;
            int z0 = (int) Math.floor(pos);
            double t = pos - z0;
            for (int i = 0; i < plane; i++) {
                double p1 = at(v, plane, d, z0, i);
                double p2 = at(v, plane, d, z0 + 1, i);
                double value;
                if (cubic) {
                    double p0 = at(v, plane, d, z0 - 1, i);
                    double p3 = at(v, plane, d, z0 + 2, i);
                    value = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
                } else {
                    value = p1 + t * (p2 - p1);
                }
                out[zo * plane + i] = (float) value;
            }
        }
        return out;
    }

    private static double at(float[] v, int plane, int d, int z, int i) {
        return v[Math.max(0, Math.min(d - 1, z)) * plane + i];
    }
}
