package org.diffusionj.imagej;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Brings colours into an integer type's range without changing their gray value: an out-of-range colour is
 * moved towards its own gray (the mean of R, G, B) just far enough. Plain clamping would change the gray of
 * a colorization, which must equal the input.
 */
public final class ColorGamut {
    private ColorGamut() {
    }

    /** A copy of the (x, y, 3) colour image with every pixel in [0, {@code max}] and its mean of R, G, B kept. */
    public static Img<FloatType> fit(RandomAccessibleInterval<FloatType> rgb, float max) {
        int w = (int) rgb.dimension(0);
        int h = (int) rgb.dimension(1);
        int n = w * h;
        float[] out = new float[3 * n];
        float[][] c = {FloatPlanes.channel(rgb, 0), FloatPlanes.channel(rgb, 1), FloatPlanes.channel(rgb, 2)};
        for (int i = 0; i < n; i++) {
            float gray = Math.min(max, Math.max(0f, (c[0][i] + c[1][i] + c[2][i]) / 3f));
            float t = 1f;
            for (int k = 0; k < 3; k++) {
                float d = c[k][i] - gray;
                if (gray + d > max) {
                    t = Math.min(t, (max - gray) / d);
                } else if (gray + d < 0) {
                    t = Math.min(t, -gray / d);
                }
            }
            for (int k = 0; k < 3; k++) {
                out[k * n + i] = gray + t * (c[k][i] - gray);
            }
        }
        return ArrayImgs.floats(out, w, h, 3);
    }
}
