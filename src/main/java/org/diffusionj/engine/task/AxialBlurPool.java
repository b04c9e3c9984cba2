package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * A z-stack's axial imaging seen in an xz or yz slice (rows = z): the thin sections blurred along z by the part
 * of the point spread function that is longer axially than laterally (a Gaussian of {@code sigma} thin
 * sections), then averaged {@code r} at a time into the thick slices. It acts on every column alike, so it is one
 * small matrix {@code M = P B} ({@code d x r d}: B the blur, clamped at the ends; P the pooling), and its
 * pseudo-inverse is a matrix computed once from M's singular values (truncated: see {@link #pseudoInverse}), so
 * that {@code A A+ A = A}, which DDNM's null-space decomposition needs (Wang et al. 2023, eq. 3). Detail along z
 * that the blur removed lies in the null space, so the prior draws it instead of the reconstruction inheriting the
 * microscope's axial blur. With {@code sigma = 0} it is {@code AveragePool(r, 1)}.
 */
public final class AxialBlurPool implements Pooling {

    /** Singular values of M below this fraction of the largest are left out of the pseudo-inverse. */
    static final double KEEP = 0.1;

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

    /**
     * The truncated pseudo-inverse {@code M^T U diag(1 / s_i^2) U^T} over the singular values {@code s_i} of M
     * that are kept ({@code M M^T = U diag(s_i^2) U^T}, by Jacobi's method): those below {@value #KEEP} of the
     * largest are dropped, as DDRM and DDNM do for deblurring, because the blur leaves almost nothing of the object
     * in them and inverting them would amplify the data's noise. {@code A A+} is then the projection onto the kept
     * components: the reconstruction agrees with the data there.
     */
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
        double[] vectors = new double[rows * rows];
        double[] values = symmetricEigen(gram, rows, vectors);
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, v);
        }
        // (M M^T)+ = U diag(1 / s_i^2) U^T over the kept s_i
        double[] gramInverse = new double[rows * rows];
        for (int e = 0; e < rows; e++) {
            if (!(values[e] >= KEEP * KEEP * largest) || values[e] <= 0) {
                continue;
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < rows; j++) {
                    gramInverse[i * rows + j] += vectors[i * rows + e] * vectors[j * rows + e] / values[e];
                }
            }
        }
        double[] out = new double[n * rows];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += m[i * n + k] * gramInverse[i * rows + j];
                }
                out[k * rows + j] = s;
            }
        }
        return out;
    }

    /**
     * The eigenvalues of a symmetric {@code n x n} matrix by cyclic Jacobi rotations; its eigenvectors go into the
     * columns of {@code vectors}.
     */
    static double[] symmetricEigen(double[] matrix, int n, double[] vectors) {
        double[] a = matrix.clone();
        java.util.Arrays.fill(vectors, 0);
        for (int i = 0; i < n; i++) {
            vectors[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i * n + j] * a[i * n + j];
                }
            }
            if (off <= 1e-30 * diagonal) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = theta == 0 ? 1 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - sn * akq;
                        a[k * n + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - sn * aqk;
                        a[q * n + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = vectors[k * n + p];
                        double vkq = vectors[k * n + q];
                        vectors[k * n + p] = c * vkp - sn * vkq;
                        vectors[k * n + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i * n + i];
        }
        return values;
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
        double[] row = new double[w];
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                int in = x.index(b, c, 0, 0);
                int to = out.index(b, c, 0, 0);
                for (int i = 0; i < outRows; i++) {
                    java.util.Arrays.fill(row, 0);
                    for (int k = 0; k < inRows; k++) {
                        double v = a[i * inRows + k];
                        if (v == 0) {
                            continue;
                        }
                        for (int col = 0; col < w; col++) {
                            row[col] += v * x.data()[in + k * w + col];
                        }
                    }
                    for (int col = 0; col < w; col++) {
                        out.data()[to + i * w + col] = (float) row[col];
                    }
                }
            }
        }
        return out;
    }
}
