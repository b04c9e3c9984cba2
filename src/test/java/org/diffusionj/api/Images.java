package org.diffusionj.api;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Small test images and the checks the task contracts promise. */
final class Images {

    private Images() {
    }

    /** A smooth pattern around 1000 (16-bit-like units), dimensions (x, y) or (x, y, c). */
    static Img<FloatType> pattern(int w, int h, int c) {
        float[] d = new float[w * h * c];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    d[(k * h + y) * w + x] = (float) (1000 + 400 * Math.sin(0.35 * y + k) * Math.cos(0.25 * x) + 9 * k);
                }
            }
        }
        return c == 1 ? ArrayImgs.floats(d, w, h) : ArrayImgs.floats(d, w, h, c);
    }

    /** An (x, y) mask, 1 on [x0, x1) x [y0, y1). */
    static Img<FloatType> rectangle(int w, int h, int x0, int x1, int y0, int y1) {
        float[] m = new float[w * h];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m[y * w + x] = 1;
            }
        }
        return ArrayImgs.floats(m, w, h);
    }

    /** All values in flat iteration order (x fastest). */
    static float[] values(RandomAccessibleInterval<FloatType> img) {
        long n = 1;
        for (int d = 0; d < img.numDimensions(); d++) {
            n *= img.dimension(d);
        }
        float[] out = new float[(int) n];
        int i = 0;
        for (FloatType v : Views.flatIterable(img)) {
            out[i++] = v.get();
        }
        return out;
    }

    static double range(float[] v) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        return max - min;
    }
}
