package org.diffusionj.engine.task;

import java.util.function.DoubleUnaryOperator;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * Super-resolution's degradation: average pooling over blocks of {@code factorY x factorX} pixels (Wang et al.
 * 2023, Table 1, for square blocks). Its pseudo-inverse is nearest-neighbour upsampling (each low-resolution
 * value replicated over its block), so {@code A+ A} replaces every block's mean and keeps the detail inside it.
 * Blocks of {@code r x 1} are a z-stack's axial sampling seen in an xz or yz slice (rows = z): averaging r
 * thin sections into one thick one (isotropic reconstruction).
 *
 * <p>Its singular values are all {@code 1 / sqrt(fy fx)} (each row averages its own block), so as a
 * {@link SpectralOperator} every component is weighted alike: noise {@code sigma_y} on a block's mean is noise
 * {@code sigma_y sqrt(fy fx)} on the block's component of {@code A+ y}, the level DDNM+ must compare with.
 */
public final class AveragePool implements SpectralOperator {

    private final int factorY;
    private final int factorX;

    /** Square {@code s x s} blocks. */
    public AveragePool(int factor) {
        this(factor, factor);
    }

    /**
     * Blocks of {@code factorY} rows by {@code factorX} columns.
     *
     * @throws IllegalArgumentException for a factor below 1
     */
    public AveragePool(int factorY, int factorX) {
        if (factorY < 1 || factorX < 1) {
            throw new IllegalArgumentException("Pooling factors must be at least 1, got " + factorY + " x " + factorX);
        }
        this.factorY = factorY;
        this.factorX = factorX;
    }

    /** The factor of square blocks (the larger one otherwise). */
    public int factor() {
        return Math.max(factorY, factorX);
    }

    public int factorY() {
        return factorY;
    }

    public int factorX() {
        return factorX;
    }

    /** {@code [B, C, H, W]} to {@code [B, C, H/fy, W/fx]}; H and W must be multiples of the factors. */
    @Override
    public Tensor apply(Tensor x) {
        if (x.height() % factorY != 0 || x.width() % factorX != 0) {
            throw new IllegalArgumentException("Average pooling by " + factorX + " x " + factorY
                    + " needs a size divisible by it, got " + x.width() + " x " + x.height());
        }
        int h = x.height() / factorY;
        int w = x.width() / factorX;
        Tensor out = new Tensor(x.batch(), x.channels(), h, w);
        double area = factorY * factorX;
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
        for (int di = 0; di < factorY; di++) {
            int row = x.index(b, c, i * factorY + di, j * factorX);
            for (int dj = 0; dj < factorX; dj++) {
                sum += x.data()[row + dj];
            }
        }
        return sum;
    }

    /** The one singular value, {@code 1 / sqrt(fy fx)}. */
    public double singularValue() {
        return 1 / Math.sqrt((double) factorY * factorX);
    }

    @Override
    public Tensor weightedPseudoInverse(Tensor y, DoubleUnaryOperator weight) {
        return Tensors.scale(weight.applyAsDouble(singularValue()), pseudoInverse(y));
    }

    @Override
    public Tensor rangeComponents(Tensor x, DoubleUnaryOperator weight) {
        return Tensors.scale(weight.applyAsDouble(singularValue()), pseudoInverse(apply(x)));
    }

    /** {@code [B, C, h, w]} to {@code [B, C, h fy, w fx]} by replication. */
    @Override
    public Tensor pseudoInverse(Tensor y) {
        Tensor out = new Tensor(y.batch(), y.channels(), y.height() * factorY, y.width() * factorX);
        for (int b = 0; b < y.batch(); b++) {
            for (int c = 0; c < y.channels(); c++) {
                for (int i = 0; i < out.height(); i++) {
                    for (int j = 0; j < out.width(); j++) {
                        out.set(b, c, i, j, y.get(b, c, i / factorY, j / factorX));
                    }
                }
            }
        }
        return out;
    }
}
