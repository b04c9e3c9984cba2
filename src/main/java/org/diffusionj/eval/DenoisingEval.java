package org.diffusionj.eval;

import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.diffusionj.api.DenoiseOptions;
import org.diffusionj.api.Result;
import org.diffusionj.engine.noise.GeneralizedAnscombe;
import org.diffusionj.engine.noise.NoiseEstimation;
import org.diffusionj.engine.noise.PoissonGaussianNoise;

/**
 * Denoising of photon-limited images: the crop (gray) scaled to a peak of 10, 50 and 300 photons over a
 * background of 5 % of the peak, seen by a camera with gain {@value #GAIN} ADU per photon, offset
 * {@value #OFFSET} and read noise {@value #READ_NOISE} ADU (1.5 photons): Poisson counts plus Gaussian read
 * noise. The crop is the test image's noise-free companion where it has one ({@link TestImageSet}: the
 * synthetic images; the real ones carry their own noise). Ours estimates the noise model from the noisy image
 * itself and is scored as the mean of the settings' draws (PSNR) and as one draw (detail ratio: its Laplacian
 * energy over the truth's, 1 = the truth's texture).
 * One more setting has Gaussian noise alone (SD {@value #GAUSSIAN_SD} of the range of the 300-photon image, no
 * photon part), as in electron micrographs or processed data; its noise model is estimated too.
 * The baselines: ImageJ's Gaussian blur with the sigma that is best against the truth (an oracle no user has),
 * a 3 x 3 median, and non-local means (Buades et al. 2005) run on the variance-stabilised image with the same
 * estimated noise model, inverted with the same exact unbiased inverse.
 */
public final class DenoisingEval {

    public static final double[] PEAKS = {10, 50, 300};
    public static final double GAIN = 2;
    public static final double OFFSET = 100;
    public static final double READ_NOISE = 3;
    static final double BACKGROUND = 0.05;
    static final int CROP_FACTOR = 2;
    /** The Gaussian-only setting's noise, a fraction of the truth's range. */
    static final double GAUSSIAN_SD = 0.05;
    /** The Gaussian blur sigmas the oracle chooses from (pixels). */
    private static final double[] BLUR_SIGMAS = {0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4};

    private DenoisingEval() {
    }

    /**
     * {@code truth} (in ADU) as the eval's camera records it: Poisson photon counts and Gaussian read noise, drawn
     * from {@code seed}.
     */
    public static FloatImage photonLimited(FloatImage truth, long seed) {
        PoissonGaussianNoise camera = camera();
        return new FloatImage(camera.apply(truth.data(), new SplittableRandom(seed)), truth.width(), truth.height(), 1);
    }

    /** The noise-free image in ADU at {@code peak} photons, from the crop's gray values. */
    public static FloatImage clean(FloatImage crop, double peak) {
        FloatImage gray = crop.channels() == 1 ? crop : Degradations.gray(crop);
        float[] v = gray.data();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float[] out = new float[v.length];
        double span = max > min ? max - min : 1;
        for (int i = 0; i < v.length; i++) {
            double photons = peak * (BACKGROUND + (1 - BACKGROUND) * (v[i] - min) / span);
            out[i] = (float) (OFFSET + GAIN * photons);
        }
        return new FloatImage(out, gray.width(), gray.height(), 1);
    }

    /**
     * Runs the three light levels on a crop twice the evaluation's side around the same place (the noise estimate
     * needs pixels: on 64-pixel crops of textured images its gain was off by up to 3x); skipped for images too
     * small for it.
     */
    static void run(EvalContext ctx, TestImageSet.Crop small) {
        List<TestImageSet.Crop> large = TestImageSet.crops(small.source(), CROP_FACTOR * small.image().width(),
                small.index());
        if (large.size() < small.index()) {
            return;
        }
        TestImageSet.Crop crop = large.get(small.index() - 1);
        PoissonGaussianNoise camera = camera();
        // the truth without the test image's own camera noise where it has a noise-free companion: against a noisy
        // truth a denoiser is scored down for removing that noise too, and the truth's noise counts as its detail
        FloatImage scene = crop.noiseFree();
        for (double peak : PEAKS) {
            FloatImage truth = clean(scene, peak);
            FloatImage noisy = photonLimited(truth, EvalContext.seedOf(crop) + (long) peak);
            String setting = String.format(Locale.ROOT, "peak %.0f photons", peak);
            measure(ctx, crop, setting, truth, noisy, camera);
        }
        FloatImage truth = clean(scene, PEAKS[PEAKS.length - 1]);
        PoissonGaussianNoise gaussian = new PoissonGaussianNoise(0, OFFSET, GAUSSIAN_SD * GAIN
                * PEAKS[PEAKS.length - 1] * (1 - BACKGROUND));
        FloatImage noisy = new FloatImage(gaussian.apply(truth.data(), new SplittableRandom(EvalContext.seedOf(crop)
                + 1)), truth.width(), truth.height(), 1);
        measure(ctx, crop, String.format(Locale.ROOT, "Gaussian SD %.0f %%", 100 * GAUSSIAN_SD), truth, noisy,
                gaussian);
    }

    private static void measure(EvalContext ctx, TestImageSet.Crop crop, String setting, FloatImage truth,
            FloatImage noisy, PoissonGaussianNoise camera) {
        DenoiseOptions options = ctx.options(new DenoiseOptions(), crop, ctx.settings.samples());
        options.offset = OFFSET; // the camera's offset is on its data sheet; gain and read noise are estimated
        Result mean = ctx.engine.denoise(noisy.toImg(), null, options, null);
        DenoiseOptions one = ctx.options(new DenoiseOptions(), crop, 1);
        one.offset = OFFSET;
        Result draw = ctx.engine.denoise(noisy.toImg(), null, one, null);
        EvalContext.Timed ours = EvalContext.Timed.of(mean);
        Map<String, Double> figures = EvalContext.fullReference(truth, ours);
        figures.put("detail_ratio", HoleMeasures.detailRatio(truth, FloatImage.of(draw.image()), everywhere(truth)));
        figures.put("gain_error", camera.gaussianOnly() ? Double.NaN
                : 100 * (mean.metrics().getOrDefault("gain", Double.NaN) / camera.gain() - 1));
        figures.put("sigma_error", 100 * (mean.metrics().getOrDefault("readSigma", Double.NaN)
                / camera.readSigma() - 1));
        ctx.add(crop, "denoising", setting, EvalContext.ours(options.samples), figures);

        EvalContext.Timed nlm = EvalContext.Timed.of(() -> nonLocalMeans(noisy, camera));
        EvalContext.Timed blur = EvalContext.Timed.of(() -> bestBlur(truth, noisy));
        EvalContext.Timed median = EvalContext.Timed.of(() -> MedianFilter.median3x3(noisy));
        add(ctx, crop, setting, "non-local means (stabilised)", truth, nlm);
        add(ctx, crop, setting, "Gaussian blur (oracle sigma)", truth, blur);
        add(ctx, crop, setting, "median 3 x 3", truth, median);
        add(ctx, crop, setting, "noisy input", truth, new EvalContext.Timed(noisy, 0));
        if (crop.index() == 1 && setting.startsWith("peak 10 ")) {
            ctx.sheet.add(new ContactSheet.Entry(EvalContext.label(crop, "denoising, " + setting, String.format(
                    Locale.ROOT, "PSNR: NLM %.1f dB, ours %.1f dB", Measures.psnr(truth, nlm.image()),
                    Measures.psnr(truth, ours.image()))), truth, noisy, null, nlm.image(), ours.image()));
        }
    }

    private static void add(EvalContext ctx, TestImageSet.Crop crop, String setting, String method, FloatImage truth,
            EvalContext.Timed result) {
        Map<String, Double> v = EvalContext.fullReference(truth, result);
        v.put("detail_ratio", HoleMeasures.detailRatio(truth, result.image(), everywhere(truth)));
        ctx.add(crop, "denoising", setting, method, v);
    }

    /**
     * The non-local means baseline: {@link #stabilisedNlm} with the noise model estimated from the image as ours
     * is (the camera's offset given); where the image is too small to estimate from, the camera's true model (the
     * baseline's advantage).
     */
    public static FloatImage nonLocalMeans(FloatImage noisy, PoissonGaussianNoise camera) {
        NoiseEstimation.Estimate estimate = NoiseEstimation.estimate(noisy.toTensor(), 0, 0);
        return stabilisedNlm(noisy, estimate.hasNoise() ? estimate.model(OFFSET) : camera);
    }

    /** Non-local means with unit noise on the generalised-Anscombe image, back by the exact unbiased inverse. */
    static FloatImage stabilisedNlm(FloatImage noisy, PoissonGaussianNoise noise) {
        GeneralizedAnscombe gat = new GeneralizedAnscombe(noise);
        FloatImage stabilised = new FloatImage(gat.forward(noisy.data()), noisy.width(), noisy.height(), 1);
        FloatImage filtered = NonLocalMeans.denoise(stabilised, 1);
        return new FloatImage(gat.inverse(filtered.data()), noisy.width(), noisy.height(), 1);
    }

    /** ImageJ's Gaussian blur at the sigma that gives the highest PSNR against the truth. */
    public static FloatImage bestBlur(FloatImage truth, FloatImage noisy) {
        FloatImage best = null;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (double sigma : BLUR_SIGMAS) {
            FloatProcessor fp = new FloatProcessor(noisy.width(), noisy.height(), noisy.data().clone());
            new GaussianBlur().blurGaussian(fp, sigma, sigma, 0.002);
            FloatImage blurred = new FloatImage((float[]) fp.getPixels(), noisy.width(), noisy.height(), 1);
            double p = Measures.psnr(truth, blurred);
            if (p > bestPsnr) {
                bestPsnr = p;
                best = blurred;
            }
        }
        return best;
    }

    /** The eval's camera: gain {@value #GAIN}, offset {@value #OFFSET}, read noise {@value #READ_NOISE}. */
    public static PoissonGaussianNoise camera() {
        return new PoissonGaussianNoise(GAIN, OFFSET, READ_NOISE);
    }

    /** Every pixel of {@code img}, as the mask of the detail ratio of a whole-image result. */
    public static boolean[] everywhere(FloatImage img) {
        boolean[] all = new boolean[img.plane()];
        java.util.Arrays.fill(all, true);
        return all;
    }
}
