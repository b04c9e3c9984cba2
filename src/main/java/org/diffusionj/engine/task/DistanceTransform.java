package org.diffusionj.engine.task;

/**
 * Exact Euclidean distance transform of a binary image (Felzenszwalb and Huttenlocher 2012, "Distance
 * Transforms of Sampled Functions"): one pass of the 1-D lower envelope of parabolas per column, then per
 * row, linear in the number of pixels.
 */
public final class DistanceTransform {

    private static final double FAR = 1e20;

    private DistanceTransform() {
    }

    /**
     * The squared distance from every pixel to the nearest pixel where {@code feature} is true (0 on the
     * features themselves; a huge value when there is none). Arrays are row-major, {@code width} fastest.
     */
    public static double[] squared(boolean[] feature, int width, int height) {
        if (feature.length != width * height) {
            throw new IllegalArgumentException("Expected " + width * height + " pixels, got " + feature.length);
        }
        double[] d = new double[feature.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = feature[i] ? 0 : FAR;
        }
        double[] line = new double[Math.max(width, height)];
        double[] result = new double[line.length];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                line[y] = d[y * width + x];
            }
            lowerEnvelope(line, height, result);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = result[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, line, 0, width);
            lowerEnvelope(line, width, result);
            System.arraycopy(result, 0, d, y * width, width);
        }
        return d;
    }

    /** 1-D squared distance transform of the sampled function {@code f[0 .. n-1]} into {@code out}. */
    private static void lowerEnvelope(double[] f, int n, double[] out) {
        int[] v = new int[n];
        double[] z = new double[n + 1];
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            out[q] = dq * dq + f[v[k]];
        }
    }

    /** Where the parabolas rooted at q and p intersect. */
    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
