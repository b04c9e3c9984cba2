package org.diffusionj.eval;

/**
 * The 3 x 3 median filter, the classical baseline against impulse and shot noise: each pixel becomes the
 * median of its neighbourhood, channel by channel, with the borders clamped (edge pixels repeated).
 */
public final class MedianFilter {

    private MedianFilter() {
    }

    /** A new image, each value the median of the 3 x 3 neighbourhood of the same channel. */
    public static FloatImage median3x3(FloatImage image) {
        int w = image.width();
        int h = image.height();
        float[] in = image.data();
        FloatImage out = FloatImage.zeros(w, h, image.channels());
        float[] window = new float[9];
        for (int c = 0; c < image.channels(); c++) {
            int base = c * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        int row = base + Math.min(h - 1, Math.max(0, y + dy)) * w;
                        for (int dx = -1; dx <= 1; dx++) {
                            window[k++] = in[row + Math.min(w - 1, Math.max(0, x + dx))];
                        }
                    }
                    out.data()[base + y * w + x] = median9(window);
                }
            }
        }
        return out;
    }

    /** The median of nine values by insertion sort (reorders the array). */
    private static float median9(float[] v) {
        for (int i = 1; i < 9; i++) {
            float t = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > t) {
                v[j + 1] = v[j];
                j--;
            }
            v[j + 1] = t;
        }
        return v[4];
    }
}
