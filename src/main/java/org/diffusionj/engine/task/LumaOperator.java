package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Colorization's degradation: the gray value as the mean of R, G and B (Wang et al. 2023, Table 1, weights
 * 1/3). Its pseudo-inverse copies the gray value to the three channels, so {@code A+ A} replaces an image's
 * gray value and keeps its chroma. Maps {@code [B, 3, H, W]} to {@code [B, 1, H, W]}.
 */
public final class LumaOperator implements LinearOperator {

    @Override
    public Tensor apply(Tensor x) {
        if (x.channels() != 3) {
            throw new IllegalArgumentException("The gray value needs three channels (R, G, B), got " + x);
        }
        int plane = x.height() * x.width();
        float[] in = x.data();
        float[] out = new float[x.batch() * plane];
        for (int b = 0; b < x.batch(); b++) {
            int src = b * 3 * plane;
            int dst = b * plane;
            for (int i = 0; i < plane; i++) {
                out[dst + i] = (float) (((double) in[src + i] + in[src + plane + i] + in[src + 2 * plane + i]) / 3);
            }
        }
        return new Tensor(out, x.batch(), 1, x.height(), x.width());
    }

    @Override
    public Tensor pseudoInverse(Tensor y) {
        if (y.channels() != 1) {
            throw new IllegalArgumentException("A gray image has one channel, got " + y);
        }
        int plane = y.height() * y.width();
        float[] in = y.data();
        float[] out = new float[y.batch() * 3 * plane];
        for (int b = 0; b < y.batch(); b++) {
            for (int c = 0; c < 3; c++) {
                System.arraycopy(in, b * plane, out, (b * 3 + c) * plane, plane);
            }
        }
        return new Tensor(out, y.batch(), 3, y.height(), y.width());
    }
}
