package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Running per-pixel mean and standard deviation over draws of one shape (Welford's algorithm, in double
 * precision), for the posterior mean and the uncertainty map of several restorations.
 */
final class DrawStatistics {

    private final int[] shape;
    private final double[] mean;
    private final double[] m2;
    private int count;

    DrawStatistics(Tensor first) {
        this.shape = first.shape();
        this.mean = new double[first.size()];
        this.m2 = new double[first.size()];
        add(first);
    }

    void add(Tensor draw) {
        float[] d = draw.data();
        if (d.length != mean.length) {
            throw new IllegalArgumentException("Draws must share one shape, got " + draw);
        }
        count++;
        for (int i = 0; i < d.length; i++) {
            double delta = d[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (d[i] - mean[i]);
        }
    }

    int count() {
        return count;
    }

    /** The mean; for one draw exactly that draw. */
    Tensor mean() {
        return fill(i -> mean[i]);
    }

    /** The sample standard deviation (divided by n - 1); zeros for one draw. */
    Tensor stdDev() {
        return fill(i -> count > 1 ? Math.sqrt(Math.max(0, m2[i] / (count - 1))) : 0);
    }

    private Tensor fill(java.util.function.IntToDoubleFunction value) {
        float[] out = new float[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) value.applyAsDouble(i);
        }
        return new Tensor(out, shape[0], shape[1], shape[2], shape[3]);
    }
}
