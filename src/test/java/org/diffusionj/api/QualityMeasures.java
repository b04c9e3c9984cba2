package org.diffusionj.api;

/**
 * Figures of merit and naive baselines for the quality harness, on flat (x fastest, then y, then channel)
 * arrays: PSNR against the truth's range, nearest / bilinear upsampling, mean fill, gray replication.
 */
final class QualityMeasures {

    private QualityMeasures() {
    }

    /** PSNR in dB over the values where {@code include} is true (all when null), peak = the truth's range. */
    static double psnr(float[] truth, float[] estimate, boolean[] include) {
        double se = 0;
        int n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (include == null || include[i % include.length]) {
                double d = truth[i] - estimate[i];
                se += d * d;
                n++;
            }
        }
        double range = Images.range(truth);
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(range * range / (se / n));
    }

    /** {@code s x s} average pooling of a {@code w x h x c} image. */
    static float[] pool(float[] x, int w, int h, int c, int s) {
        int lw = w / s;
        int lh = h / s;
        float[] out = new float[lw * lh * c];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < lh * s; y++) {
                for (int j = 0; j < lw * s; j++) {
                    out[(k * lh + y / s) * lw + j / s] += x[(k * h + y) * w + j] / (float) (s * s);
                }
            }
        }
        return out;
    }

    /** Upsampling by {@code s}: nearest neighbour, or bilinear with pixel centres (align_corners = false). */
    static float[] upsample(float[] x, int w, int h, int c, int s, boolean bilinear) {
        float[] out = new float[w * s * h * s * c];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h * s; y++) {
                for (int j = 0; j < w * s; j++) {
                    double v;
                    if (bilinear) {
                        double sy = Math.max(0, Math.min(h - 1, (y + 0.5) / s - 0.5));
                        double sx = Math.max(0, Math.min(w - 1, (j + 0.5) / s - 0.5));
                        int y0 = (int) sy;
                        int x0 = (int) sx;
                        int y1 = Math.min(h - 1, y0 + 1);
                        int x1 = Math.min(w - 1, x0 + 1);
                        double fy = sy - y0;
                        double fx = sx - x0;
                        v = (1 - fy) * ((1 - fx) * at(x, w, h, k, x0, y0) + fx * at(x, w, h, k, x1, y0))
                                + fy * ((1 - fx) * at(x, w, h, k, x0, y1) + fx * at(x, w, h, k, x1, y1));
                    } else {
                        v = at(x, w, h, k, j / s, y / s);
                    }
                    out[(k * h * s + y) * w * s + j] = (float) v;
                }
            }
        }
        return out;
    }

    private static float at(float[] x, int w, int h, int k, int j, int y) {
        return x[(k * h + y) * w + j];
    }

    /** The masked pixels of each channel replaced by the mean of the channel's unmasked pixels. */
    static float[] meanFill(float[] x, boolean[] mask) {
        int plane = mask.length;
        float[] out = x.clone();
        for (int k = 0; k < x.length / plane; k++) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < plane; i++) {
                if (!mask[i]) {
                    sum += x[k * plane + i];
                    n++;
                }
            }
            for (int i = 0; i < plane; i++) {
                if (mask[i]) {
                    out[k * plane + i] = (float) (sum / n);
                }
            }
        }
        return out;
    }

    /** The mean of three channels. */
    static float[] gray(float[] rgb) {
        int plane = rgb.length / 3;
        float[] g = new float[plane];
        for (int i = 0; i < plane; i++) {
            g[i] = (rgb[i] + rgb[plane + i] + rgb[2 * plane + i]) / 3;
        }
        return g;
    }

    /** A one-channel image repeated three times. */
    static float[] replicate(float[] gray) {
        float[] out = new float[gray.length * 3];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(gray, 0, out, k * gray.length, gray.length);
        }
        return out;
    }
}
