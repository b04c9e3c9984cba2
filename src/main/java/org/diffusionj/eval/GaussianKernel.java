package org.diffusionj.eval;

/**
 * A sampled, normalised Gaussian and its separable "valid" convolution (only where the whole kernel lies
 * inside the image), as scipy's {@code ndimage.gaussian_filter1d} samples it: {@code exp(-x^2 / (2 sigma^2))}
 * for integer x in [-r, r], divided by the sum.
 */
final class GaussianKernel {

    private GaussianKernel() {
    }

    static double[] weights(double sigma, int radius) {
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** {@code v} ({@code w x h}, x fastest) convolved with {@code k} along x then y, valid part only. */
    static double[] valid(double[] v, int w, int h, double[] k) {
        int r = k.length / 2;
        int vw = w - 2 * r;
        int vh = h - 2 * r;
        double[] rows = new double[vw * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < vw; x++) {
                double s = 0;
                for (int i = 0; i < k.length; i++) {
                    s += k[i] * v[y * w + x + i];
                }
                rows[y * vw + x] = s;
            }
        }
        double[] out = new double[vw * vh];
        for (int y = 0; y < vh; y++) {
            for (int x = 0; x < vw; x++) {
                double s = 0;
                for (int i = 0; i < k.length; i++) {
                    s += k[i] * rows[(y + i) * vw + x];
                }
                out[y * vw + x] = s;
            }
        }
        return out;
    }
}
