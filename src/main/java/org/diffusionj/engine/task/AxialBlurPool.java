package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * A z-stack's axial imaging seen in an xz or yz slice (rows = z): the thin sections blurred along z by the part
 * of the point spread function that is longer axially than laterally (a Gaussian of {@code sigma} thin
 * sections), then averaged {@code r} at a time into the thick slices. It acts on every column alike, so it is one
 * small matrix {@code M = P B} ({@code d x r d}: B the blur, clamped at the ends; P the pooling), and its
 * pseudo-inverse is the matrix {@code M^T (M M^T)^-1}, computed once (Cholesky): {@code A A+ = I}, which DDNM's
 * null-space decomposition needs (Wang et al. 2023, eq. 3). Detail along z that the blur removed lies in the null
 * space, so the prior draws it instead of the reconstruction inheriting the microscope's axial blur. With
 * {@code sigma = 0} it is {@code AveragePool(r, 1)}.
 */
public final class AxialBlurPool implements Pooling {

    private final int factor;
    private final double sigma;
    private final int rows;
    /** M, {@code rows x rows r}, row-major. */
    private final double[] matrix;
    /** M+, {@code rows r x rows}, row-major. */
    private final double[] inverse;

    /**
     * @param factor r, the thin sections per thick slice
     * @param sigma  the axial blur's standard deviation in thin sections (0 = none)
     * @param rows   the thick slices (rows of the observation)
     * @throws IllegalArgumentException for a factor below 1, a negative sigma or no rows
     */
    public AxialBlurPool(int factor, double sigma, int rows) {
        if (factor < 1 || !(sigma >= 0) || Double.isInfinite(sigma) || rows < 1) {
            throw new IllegalArgumentException("An axial blur-and-pool needs r >= 1, a finite sigma >= 0 and rows,"
                    + " got r " + factor + ", sigma " + sigma + ", " + rows + " rows");
        }
        this.factor = factor;
        this.sigma = sigma;
        this.rows = rows;
        int n = rows * factor;
        double[] blur = blurMatrix(n, sigma);
        matrix = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < factor; j++) {
                for (int k = 0; k < n; k++) {
                    matrix[i * n + k] += blur[(i * factor + j) * n + k] / factor;
                }
            }
        }
        inverse = pseudoInverse(matrix, rows, n);
    }

    /** The {@code n x n} Gaussian blur along z, ends clamped (the edge section repeated), rows summing to 1. */
    private static double[] blurMatrix(int n, double sigma) {
        double[] b = new double[n * n];
        if (sigma == 0) {
            for (int i = 0; i < n; i++) {
                b[i * n + i] = 1;
            }
            return b;
        }
        int radius = (int) Math.ceil(4 * sigma);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int d = -radius; d <= radius; d++) {
            w[d + radius] = Math.exp(-0.5 * d * d / (sigma * sigma));
            sum += w[d + radius];
        }
        for (int i = 0; i < n; i++) {
            for (int d = -radius; d <= radius; d++) {
                int k = Math.max(0, Math.min(n - 1, i + d));
                b[i * n + k] += w[d + radius] / sum;
            }
        }
        return b;
    }

    /** {@code M^T (M M^T)^-1} for a full-row-rank {@code m x n} M. */
    private static double[] pseudoInverse(double[] m, int rows, int n) {
        double[] gram = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += m[i * n + k] * m[j * n + k];
                }
                gram[i * rows + j] = s;
            }
        }
        double[] l = cholesky(gram, rows);
        // column by column: (M M^T)^-1 e_j, then M^T times it
        double[] out = new double[n * rows];
        double[] e = new double[rows];
        for (int j = 0; j < rows; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            double[] g = solve(l, e, rows);
            for (int k = 0; k < n; k++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += m[i * n + k] * g[i];
                }
                out[k * rows + j] = s;
            }
        }
        return out;
    }

    private static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("The axial blur is too strong to invert");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        return l;
    }

    /** {@code (L L^T)^-1 b}. */
    private static double[] solve(double[] l, double[] b, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public int factorY() {
        return factor;
    }

    @Override
    public int factorX() {
        return 1;
    }

    /** {@code [B, C, rows r, W]} to {@code [B, C, rows, W]}. */
    @Override
    public Tensor apply(Tensor x) {
        if (x.height() != rows * factor) {
            throw new IllegalArgumentException("This axial operator takes " + rows * factor + " rows, got "
                    + x.height());
        }
        return multiply(matrix, rows, rows * factor, x);
    }

    /** {@code [B, C, rows, W]} to {@code [B, C, rows r, W]}. */
    @Override
    public Tensor pseudoInverse(Tensor y) {
        if (y.height() != rows) {
            throw new IllegalArgumentException("This axial operator's observation has " + rows + " rows, got "
                    + y.height());
        }
        return multiply(inverse, rows * factor, rows, y);
    }

    /** Every column of every channel and item multiplied by the {@code outRows x inRows} matrix. */
    private static Tensor multiply(double[] a, int outRows, int inRows, Tensor x) {
        Tensor out = new Tensor(x.batch(), x.channels(), outRows, x.width());
        int w = x.width();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                int in = x.index(b, c, 0, 0);
                int to = out.index(b, c, 0, 0);
                for (int i = 0; i < outRows; i++) {
                    for (int k = 0; k < inRows; k++) {
                        double v = a[i * inRows + k];
                        if (v == 0) {
                            continue;
                        }
                        for (int col = 0; col < w; col++) {
                            out.data()[to + i * w + col] += (float) (v * x.data()[in + k * w + col]);
                        }
                    }
                }
            }
        }
        return out;
    }
}
