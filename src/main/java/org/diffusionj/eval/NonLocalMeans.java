package org.diffusionj.eval;

import java.util.Arrays;

/**
 * Non-local means denoising (Buades, Coll and Morel 2005, "A non-local algorithm for image denoising", CVPR),
 * in the form of their IPOL article (2011, "Non-Local Means Denoising", IPOL 1, pp. 208-212): each pixel
 * becomes the weighted mean of the pixels of its search window, weighted by
 * {@code exp(-max(d^2 - 2 sigma^2, 0) / h^2)}, where {@code d^2} is the mean squared difference of the two
 * patches (over the patch and the channels) and {@code 2 sigma^2} its expectation between two noisy copies
 * of the same patch. {@code h = 0.4 sigma} (the article's value for grey images; its patch and window grow
 * with the noise, here they are fixed: 7 x 7 patches, a 21 x 21 window). Borders are mirrored.
 *
 * <p>Cost: for each of the window's offsets the squared differences of the whole image are summed over the
 * patches with running sums, so the cost is {@code O(W * H * window^2)}, independent of the patch size.
 */
public final class NonLocalMeans {

    /** Patch radius: 7 x 7 patches. */
    public static final int PATCH_RADIUS = 3;

    /** Search radius: a 21 x 21 window. */
    public static final int SEARCH_RADIUS = 10;

    /** The filtering parameter relative to the noise: {@code h = 0.4 sigma}. */
    public static final double H_PER_SIGMA = 0.4;

    private NonLocalMeans() {
    }

    /** The image denoised for white Gaussian noise of standard deviation {@code sigma} (data units, positive). */
    public static FloatImage denoise(FloatImage image, double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Non-local means needs the noise's standard deviation, positive, got "
                    + sigma);
        }
        return denoise(image, sigma, PATCH_RADIUS, SEARCH_RADIUS, H_PER_SIGMA * sigma);
    }

    /**
     * The image denoised with the given patch and search radii and filtering parameter {@code h}.
     *
     * @throws IllegalArgumentException if {@code sigma} is negative or not finite, {@code h} is not positive,
     *                                  or a radius is negative
     */
    public static FloatImage denoise(FloatImage image, double sigma, int patchRadius, int searchRadius, double h) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("The noise's standard deviation must be zero or more, got " + sigma);
        }
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("The filtering parameter h must be positive, got " + h);
        }
        if (patchRadius < 0 || searchRadius < 0) {
            throw new IllegalArgumentException("Radii must be zero or more, got patch " + patchRadius
                    + " and search " + searchRadius);
        }
        int w = image.width();
        int h0 = image.height();
        int channels = image.channels();
        int pad = patchRadius + searchRadius;
        int pw = w + 2 * pad;
        int ph = h0 + 2 * pad;
        float[][] padded = new float[channels][];
        for (int c = 0; c < channels; c++) {
            padded[c] = mirror(image, c, pad);
        }
        // Squared differences over the region the patches of the image's pixels cover.
        int rw = w + 2 * patchRadius;
        int rh = h0 + 2 * patchRadius;
        double[] diff = new double[rw * rh];
        double[] rows = new double[w * rh];
        double[] weights = new double[w * h0];
        double[][] sums = new double[channels][w * h0];
        double patchArea = (2 * patchRadius + 1) * (2 * patchRadius + 1) * (double) channels;
        double bias = 2 * sigma * sigma;
        double inverseH2 = 1 / (h * h);
        int side = 2 * patchRadius + 1;
        for (int oy = -searchRadius; oy <= searchRadius; oy++) {
            for (int ox = -searchRadius; ox <= searchRadius; ox++) {
                // diff(x, y) for the padded pixel (x + searchRadius, y + searchRadius) and its offset copy.
                Arrays.fill(diff, 0);
                for (int c = 0; c < channels; c++) {
                    float[] p = padded[c];
                    for (int y = 0; y < rh; y++) {
                        int a = (y + searchRadius) * pw + searchRadius;
                        int b = (y + searchRadius + oy) * pw + searchRadius + ox;
                        int d = y * rw;
                        for (int x = 0; x < rw; x++) {
                            double t = p[a + x] - p[b + x];
                            diff[d + x] += t * t;
                        }
                    }
                }
                // Patch sums: running sums along x, then along y.
                for (int y = 0; y < rh; y++) {
                    int d = y * rw;
                    double s = 0;
                    for (int x = 0; x < side; x++) {
                        s += diff[d + x];
                    }
                    int r = y * w;
                    rows[r] = s;
                    for (int x = 1; x < w; x++) {
                        s += diff[d + x + side - 1] - diff[d + x - 1];
                        rows[r + x] = s;
                    }
                }
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int y = 0; y < side; y++) {
                        s += rows[y * w + x];
                    }
                    for (int y = 0; y < h0; y++) {
                        if (y > 0) {
                            s += rows[(y + side - 1) * w + x] - rows[(y - 1) * w + x];
                        }
                        double distance = Math.max(s / patchArea - bias, 0);
                        double weight = Math.exp(-distance * inverseH2);
                        int i = y * w + x;
                        weights[i] += weight;
                        int q = (y + pad + oy) * pw + x + pad + ox;
                        for (int c = 0; c < channels; c++) {
                            sums[c][i] += weight * padded[c][q];
                        }
                    }
                }
            }
        }
        FloatImage out = FloatImage.zeros(w, h0, channels);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < w * h0; i++) {
                out.data()[c * w * h0 + i] = (float) (sums[c][i] / weights[i]);
            }
        }
        return out;
    }

    /** Channel {@code c} padded by {@code pad} pixels on every side, mirrored about the edge pixels. */
    static float[] mirror(FloatImage image, int c, int pad) {
        int w = image.width();
        int h = image.height();
        int pw = w + 2 * pad;
        float[] out = new float[pw * (h + 2 * pad)];
        for (int y = 0; y < h + 2 * pad; y++) {
            int sy = reflect(y - pad, h);
            for (int x = 0; x < pw; x++) {
                out[y * pw + x] = image.get(reflect(x - pad, w), sy, c);
            }
        }
        return out;
    }

    /** Index {@code i} reflected into {@code [0, n)} about the edge pixels (... 2 1 0 1 2 ...). */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
