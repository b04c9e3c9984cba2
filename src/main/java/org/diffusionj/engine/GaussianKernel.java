package org.diffusionj.engine;

/**
 * A sampled, normalised Gaussian, as scipy's {@code ndimage.gaussian_filter1d} samples it:
 * {@code exp(-x^2 / (2 sigma^2))} for integer x in [-r, r], divided by the sum; its separable "valid" convolution
 * (only where the whole kernel lies inside the image) and its convolution along one axis with clamped edges.
 */
public final class GaussianKernel {

    private GaussianKernel() {
    }

    public static double[] weights(double sigma, int radius) {
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
    public static double[] valid(double[] v, int w, int h, double[] k) {
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

    /**
     * {@code v} convolved with {@code k} along one axis, edges clamped: the axis whose index steps by
     * {@code stride} and has {@code length} positions (x: 1 and the width; y: the width and the height; z: the
     * plane and the depth), every other axis looped over.
     */
    public static float[] along(float[] v, double[] k, int stride, int length) {
        float[] out = new float[v.length];
        int radius = k.length / 2;
        for (int i = 0; i < v.length; i++) {
            int pos = (i / stride) % length;
            double s = 0;
            for (int j = -radius; j <= radius; j++) {
                int p = Math.max(0, Math.min(length - 1, pos + j));
                s += k[j + radius] * v[i + (p - pos) * stride];
            }
            out[i] = (float) s;
        }
        return out;
    }

    /** The SD of white noise of unit SD after a separable 2D blur with {@code k}: {@code sum k_i^2} (over x and y). */
    public static double whiteNoiseGain(double[] k) {
        double s = 0;
        for (double v : k) {
            s += v * v;
        }
        return s;
    }

    /** Every plane of {@code x} blurred in x and y with {@code k}, edges clamped. */
    public static Tensor blurPlanes(Tensor x, double[] k) {
        float[] rows = along(x.data(), k, 1, x.width());
        return new Tensor(along(rows, k, x.width(), x.height()), x.batch(), x.channels(), x.height(), x.width());
    }
}
