package org.diffusionj.eval;

import org.diffusionj.engine.GaussianKernel;

/**
 * Full-reference figures of merit. The peak of PSNR and the dynamic range of SSIM are the ground truth's range
 * (max - min over all its channels), so that 8-bit, 16-bit and float images are measured alike.
 */
public final class Measures {

    /** SSIM's constants and Gaussian window (Wang et al. 2004, section III.C): K1, K2, sigma 1.5, 11 taps. */
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double SIGMA = 1.5;
    private static final int RADIUS = 5;

    private Measures() {
    }

    /** PSNR in dB over every pixel. */
    public static double psnr(FloatImage truth, FloatImage estimate) {
        return psnr(truth, estimate, null);
    }

    /**
     * PSNR in dB over the pixels where {@code inside} (one value per pixel, applied to every channel) is true;
     * all pixels when it is null. Infinite for identical values, NaN for an empty region.
     */
    public static double psnr(FloatImage truth, FloatImage estimate, boolean[] inside) {
        requireSameShape(truth, estimate);
        double se = 0;
        long n = 0;
        int plane = truth.plane();
        for (int i = 0; i < truth.data().length; i++) {
            if (inside == null || inside[i % plane]) {
                double d = truth.data()[i] - estimate.data()[i];
                se += d * d;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double peak = truth.range();
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / (se / n));
    }

    /**
     * Mean SSIM (Wang et al. 2004) with an 11-tap Gaussian window of sigma 1.5, population covariances and the
     * truth's range as L, over the positions where the whole window lies inside the image, averaged over
     * channels. This equals scikit-image's {@code structural_similarity(..., gaussian_weights=True,
     * use_sample_covariance=False, data_range=L)}, which crops the same border. Images smaller than 11 pixels
     * use the largest window that fits.
     */
    public static double ssim(FloatImage truth, FloatImage estimate) {
        return ssim(truth, estimate, truth.range());
    }

    /** SSIM with an explicit dynamic range {@code l}. */
    public static double ssim(FloatImage truth, FloatImage estimate, double l) {
        requireSameShape(truth, estimate);
        int r = Math.min(RADIUS, (Math.min(truth.width(), truth.height()) - 1) / 2);
        double[] k = GaussianKernel.weights(SIGMA, r);
        double c1 = K1 * l * K1 * l;
        double c2 = K2 * l * K2 * l;
        double sum = 0;
        for (int c = 0; c < truth.channels(); c++) {
            sum += ssimPlane(plane(truth, c), plane(estimate, c), truth.width(), truth.height(), k, c1, c2);
        }
        return sum / truth.channels();
    }

    private static double ssimPlane(double[] x, double[] y, int w, int h, double[] k, double c1, double c2) {
        int n = w * h;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] ux = GaussianKernel.valid(x, w, h, k);
        double[] uy = GaussianKernel.valid(y, w, h, k);
        double[] uxx = GaussianKernel.valid(xx, w, h, k);
        double[] uyy = GaussianKernel.valid(yy, w, h, k);
        double[] uxy = GaussianKernel.valid(xy, w, h, k);
        double sum = 0;
        for (int i = 0; i < ux.length; i++) {
            double vx = uxx[i] - ux[i] * ux[i];
            double vy = uyy[i] - uy[i] * uy[i];
            double vxy = uxy[i] - ux[i] * uy[i];
            // equation (13) of Wang et al. 2004
            sum += (2 * ux[i] * uy[i] + c1) * (2 * vxy + c2)
                    / ((ux[i] * ux[i] + uy[i] * uy[i] + c1) * (vx + vy + c2));
        }
        return sum / ux.length;
    }

    private static double[] plane(FloatImage img, int c) {
        double[] out = new double[img.plane()];
        for (int i = 0; i < out.length; i++) {
            out[i] = img.data()[c * out.length + i];
        }
        return out;
    }

    /**
     * Colourfulness M of Hasler and Suesstrunk (2003), "Measuring colourfulness in natural images", equation
     * (3): with rg = R - G and yb = (R + G) / 2 - B, M = sqrt(var rg + var yb) + 0.3 sqrt(mean rg^2 + mean yb^2)
     * (means squared, population variances). In the image's units; the paper's scale is 0-255, that of the
     * 8-bit RGB test images. A gray image (R = G = B, or one channel) scores 0.
     */
    public static double colourfulness(FloatImage rgb) {
        if (rgb.channels() == 1) {
            return 0;
        }
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("Colourfulness needs 3 channels, got " + rgb.channels());
        }
        int n = rgb.plane();
        float[] d = rgb.data();
        double[] rg = new double[2];
        double[] yb = new double[2];
        for (int i = 0; i < n; i++) {
            double r = d[i];
            double g = d[n + i];
            double b = d[2 * n + i];
            accumulate(rg, r - g);
            accumulate(yb, (r + g) / 2 - b);
        }
        double muRg = rg[0] / n;
        double muYb = yb[0] / n;
        double varRg = Math.max(0, rg[1] / n - muRg * muRg);
        double varYb = Math.max(0, yb[1] / n - muYb * muYb);
        return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(muRg * muRg + muYb * muYb);
    }

    private static void accumulate(double[] sums, double v) {
        sums[0] += v;
        sums[1] += v * v;
    }

    /** Root-mean-square of {@code a - b} over {@code range}: the relative size of a data-consistency error. */
    public static double relativeRms(FloatImage a, FloatImage b, double range) {
        requireSameShape(a, b);
        double se = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            se += d * d;
        }
        return Math.sqrt(se / a.data().length) / range;
    }

    /** Largest {@code |a - b|} over the pixels where {@code where} is true (all channels), over {@code range}. */
    public static double relativeMaxDifference(FloatImage a, FloatImage b, boolean[] where, double range) {
        requireSameShape(a, b);
        double max = 0;
        int plane = a.plane();
        for (int i = 0; i < a.data().length; i++) {
            if (where == null || where[i % plane]) {
                max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
            }
        }
        return max / range;
    }

    static void requireSameShape(FloatImage a, FloatImage b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("Images of different shapes: " + a.width() + " x " + a.height() + " x "
                    + a.channels() + " and " + b.width() + " x " + b.height() + " x " + b.channels());
        }
    }
}
