package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Super-resolution's degradation: {@code s x s} average pooling (Wang et al. 2023, Table 1). Its
 * pseudo-inverse is nearest-neighbour upsampling (each low-resolution value replicated over its block), so
 * {@code A+ A} replaces every block's mean and keeps the detail inside it.
 */
public final class AveragePool implements LinearOperator {

    private final int factor;

    /** @throws IllegalArgumentException for a factor below 1 */
    public AveragePool(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("Pooling factor must be at least 1, got " + factor);
        }
        this.factor = factor;
    }

    public int factor() {
        return factor;
    }

    /** {@code [B, C, H, W]} to {@code [B, C, H/s, W/s]}; H and W must be multiples of s. */
    @Override
    public Tensor apply(Tensor x) {
        if (x.height() % factor != 0 || x.width() % factor != 0) {
            throw new IllegalArgumentException("Average pooling by " + factor + " needs a size divisible by "
                    + factor + ", got " + x.width() + " x " + x.height());
        }
        int h = x.height() / factor;
        int w = x.width() / factor;
        Tensor out = new Tensor(x.batch(), x.channels(), h, w);
        double area = factor * factor;
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        out.set(b, c, i, j, (float) (blockSum(x, b, c, i, j) / area));
                    }
                }
            }
        }
        return out;
    }

    private double blockSum(Tensor x, int b, int c, int i, int j) {
        double sum = 0;
        for (int di = 0; di < factor; di++) {
            int row = x.index(b, c, i * factor + di, j * factor);
            for (int dj = 0; dj < factor; dj++) {
                sum += x.data()[row + dj];
            }
        }
        return sum;
    }

    /** {@code [B, C, h, w]} to {@code [B, C, h s, w s]} by replication. */
    @Override
    public Tensor pseudoInverse(Tensor y) {
        Tensor out = new Tensor(y.batch(), y.channels(), y.height() * factor, y.width() * factor);
        for (int b = 0; b < y.batch(); b++) {
            for (int c = 0; c < y.channels(); c++) {
                for (int i = 0; i < out.height(); i++) {
                    for (int j = 0; j < out.width(); j++) {
                        out.set(b, c, i, j, y.get(b, c, i / factor, j / factor));
                    }
                }
            }
        }
        return out;
    }
}
