package org.diffusionj.engine;

import java.util.Arrays;

/**
 * Elementwise helpers on {@link Tensor}s. Every method returns a new tensor and leaves its arguments
 * untouched; coefficients are doubles and each value is computed in double precision, then stored as float.
 */
public final class Tensors {

    private Tensors() {
    }

    /** {@code a * x + b * y}. */
    public static Tensor axpby(double a, Tensor x, double b, Tensor y) {
        requireSameShape(x, y);
        float[] xs = x.data();
        float[] ys = y.data();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * xs[i] + b * ys[i]);
        }
        return like(x, out);
    }

    /** {@code a * x + b * y + c * z}. */
    public static Tensor combine(double a, Tensor x, double b, Tensor y, double c, Tensor z) {
        requireSameShape(x, y);
        requireSameShape(x, z);
        float[] xs = x.data();
        float[] ys = y.data();
        float[] zs = z.data();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * xs[i] + b * ys[i] + c * zs[i]);
        }
        return like(x, out);
    }

    /** {@code a * x}. */
    public static Tensor scale(double a, Tensor x) {
        float[] xs = x.data();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (a * xs[i]);
        }
        return like(x, out);
    }

    /** {@code x + y}. */
    public static Tensor add(Tensor x, Tensor y) {
        return axpby(1, x, 1, y);
    }

    /** {@code x - y}. */
    public static Tensor sub(Tensor x, Tensor y) {
        return axpby(1, x, -1, y);
    }

    /** Elementwise product {@code x * y}. */
    public static Tensor mul(Tensor x, Tensor y) {
        requireSameShape(x, y);
        float[] xs = x.data();
        float[] ys = y.data();
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs[i] * ys[i];
        }
        return like(x, out);
    }

    /** Values clamped to {@code [lo, hi]}. */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        float[] xs = x.data();
        float[] out = new float[xs.length];
        float l = (float) lo;
        float h = (float) hi;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(l, Math.min(h, xs[i]));
        }
        return like(x, out);
    }

    /** A tensor of {@code x}'s shape filled with {@code value}. */
    public static Tensor full(Tensor x, float value) {
        float[] out = new float[x.size()];
        Arrays.fill(out, value);
        return like(x, out);
    }

    /** Sum of absolute values, accumulated in double. */
    public static double sumAbs(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += Math.abs(v);
        }
        return s;
    }

    /** Mean of absolute values. */
    public static double meanAbs(Tensor x) {
        return sumAbs(x) / x.size();
    }

    /** Sum of values, accumulated in double. */
    public static double sum(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += v;
        }
        return s;
    }

    /** Largest absolute elementwise difference between two tensors of one shape. */
    public static double maxAbsDiff(Tensor x, Tensor y) {
        requireSameShape(x, y);
        float[] xs = x.data();
        float[] ys = y.data();
        double m = 0;
        for (int i = 0; i < xs.length; i++) {
            m = Math.max(m, Math.abs((double) xs[i] - ys[i]));
        }
        return m;
    }

    /** True when every value is finite (no NaN, no infinity). */
    public static boolean allFinite(Tensor x) {
        for (float v : x.data()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws an {@link IllegalArgumentException} naming both shapes when {@code x} and {@code y} differ.
     */
    public static void requireSameShape(Tensor x, Tensor y) {
        if (!x.sameShape(y)) {
            throw new IllegalArgumentException("Shape mismatch: " + Arrays.toString(x.shape())
                    + " vs " + Arrays.toString(y.shape()));
        }
    }

    private static Tensor like(Tensor shape, float[] data) {
        return new Tensor(data, shape.batch(), shape.channels(), shape.height(), shape.width());
    }
}
