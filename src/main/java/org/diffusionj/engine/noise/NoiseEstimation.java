package org.diffusionj.engine.noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffusionj.engine.Tensor;

/**
 * Estimates the Poisson-Gaussian noise of one image from the image alone, after Foi, Trimeche, Katkovnik and
 * Egiazarian 2008 ("Practical Poissonian-Gaussian noise modeling and fitting for single-image raw-data", IEEE
 * TIP 17(10)): the variance of the noise is taken to be affine in the noise-free value {@code y},
 * {@code var = gain * y + intercept}, and the two numbers are fitted to local measurements.
 *
 * <ol>
 * <li>Noise samples: the separable high-pass {@code [1 -2 1]^T [1 -2 1] / 6}, of unit gain on white noise
 * and blind to every polynomial of degree two (and to any term linear in x or in y), so that smooth signal
 * leaves almost nothing in it. This plays the part of the paper's wavelet detail coefficients.</li>
 * <li>Levels: from the ring of the 7 x 7 window outside the high-pass's 3 x 3 support, so that their noise
 * is independent of the sample's. The ring is split by the parity of {@code dx + dy} into two disjoint,
 * point-symmetric halves of 20 pixels: the mean of one half sorts the samples into level sets; the other
 * half measures each set's level, so that the noise of the sorting does not pull the levels towards the
 * crowded ones (regression to the mean). The measuring half is not a plain mean, which is too high wherever
 * the signal is convex (the tails of spots), but the centre value of its least-squares quadratic surface,
 * exact for polynomials of degree three.</li>
 * <li>Smooth regions: samples whose window touches the image's smallest or largest value (clipping, such as
 * 255 in 8-bit data) are dropped, and so are, in each level set, the samples whose gradient (the slope fitted
 * to the sorting half, so that dropping them does not bias the levels) is larger than noise of that set's
 * variance would give one time in a thousand: edges.</li>
 * <li>Level sets: the samples, sorted, are cut into bins of equal counts (so that levels with
 * many pixels, usually the dark background, get more bins); each bin gives its mean level and a robust
 * variance, the second moment of the samples within three standard deviations (first estimated by the
 * median absolute value, 1.4826 * MAD), corrected for the truncation of a Gaussian.</li>
 * <li>Fit: weighted least squares of {@code var = gain * level + intercept}, the weights being the inverse
 * variances of the bins' variances (proportional to {@code n / var^2}) from the current fit, iterated; bins
 * more than four standard errors off the line are dropped once, and the gain is kept non-negative.</li>
 * </ol>
 *
 * <p>Units: everything is in the data's units. The offset (pedestal) of the camera cannot be told apart from
 * the read noise by variances alone, since {@code gain * (y - offset) + sigma^2 = gain * y + (sigma^2 - gain
 * * offset)}: the fit reports the {@code intercept}, the variance of a zero value, and
 * {@link Estimate#readSigma()} is {@code sqrt(max(intercept, 0))}, the read noise if the offset is zero.
 * {@link Estimate#model()} turns the line into an equivalent {@link PoissonGaussianNoise}: offset zero and
 * that read noise when the intercept is positive, no read noise and offset {@code -intercept / gain} when it
 * is negative; {@link Estimate#model(double)} uses a known offset instead. Negative values (data with the
 * offset subtracted) are fine. An image whose noise is below {@value #MIN_RELATIVE_NOISE} of its range at every level
 * (a synthetic or already denoised image) is reported as having no measurable noise.
 */
public final class NoiseEstimation {

    /** Noise below this fraction of the image's range at every level counts as none. */
    public static final double MIN_RELATIVE_NOISE = 1e-3;

    /** Samples taken from a stack at most (whole planes, evenly spaced); one plane is always taken whole. */
    private static final long MAX_STACK_SAMPLES = 4_000_000;

    /** Half-width of the level window. */
    private static final int LEVEL_RADIUS = 3;

    /**
     * Samples whose squared gradient, in units of its standard deviation under noise alone, exceeds this
     * are dropped as edges: noise alone exceeds it with probability {@code exp(-limit / 2)}, 0.1 %.
     */
    private static final double EDGE_LIMIT = 13.8;

    /** Fewer smooth samples than this and a bin is dropped. */
    private static final int MIN_BIN_SAMPLES = 100;

    /** Samples per bin aimed at, and the bounds on the number of bins. */
    private static final int SAMPLES_PER_BIN = 2000;
    private static final int MIN_BINS = 8;
    private static final int MAX_BINS = 48;
    private static final int MIN_SAMPLES = 400;
    /** Samples needed for one variance of all levels (Gaussian noise alone) where the line cannot be fitted. */
    private static final int MIN_GAUSSIAN_SAMPLES = 100;

    /** Truncation of the robust variance, in standard deviations, and the Gaussian's factor for it. */
    private static final double TRUNCATION = 3;
    private static final double TRUNCATION_FACTOR = truncationFactor(TRUNCATION);

    /**
     * How much the overlap of neighbouring high-pass windows inflates the variance of a mean of squares: one
     * plus the sum of the squared correlations of the filter's autocorrelation at non-zero lags.
     */
    private static final double OVERLAP = 3.78;

    /** The ring's offsets, whether each sorts (odd dx + dy) or measures, and its weight (see above). */
    private static final int[][] RING_OFFSETS;
    private static final boolean[] RING_SORTS;
    private static final double[] RING_WEIGHTS;

    static {
        int r = LEVEL_RADIUS;
        List<int[]> offsets = new ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (Math.max(Math.abs(dx), Math.abs(dy)) >= 2) {
                    offsets.add(new int[] {dx, dy});
                }
            }
        }
        RING_OFFSETS = offsets.toArray(new int[0][]);
        RING_SORTS = new boolean[RING_OFFSETS.length];
        RING_WEIGHTS = new double[RING_OFFSETS.length];
        int sorting = 0;
        double[][] normal = new double[6][6];
        for (int k = 0; k < RING_OFFSETS.length; k++) {
            int dx = RING_OFFSETS[k][0];
            int dy = RING_OFFSETS[k][1];
            RING_SORTS[k] = ((dx + dy) & 1) == 1;
            if (RING_SORTS[k]) {
                sorting++;
            } else {
                double[] basis = quadratic(dx, dy);
                for (int p = 0; p < 6; p++) {
                    for (int q = 0; q < 6; q++) {
                        normal[p][q] += basis[p] * basis[q];
                    }
                }
            }
        }
        // The value at the centre is the constant term: the first row of (A^T A)^-1 A^T.
        double[] first = solve(normal, new double[] {1, 0, 0, 0, 0, 0});
        for (int k = 0; k < RING_OFFSETS.length; k++) {
            if (RING_SORTS[k]) {
                RING_WEIGHTS[k] = 1.0 / sorting;
            } else {
                double[] basis = quadratic(RING_OFFSETS[k][0], RING_OFFSETS[k][1]);
                double weight = 0;
                for (int p = 0; p < 6; p++) {
                    weight += first[p] * basis[p];
                }
                RING_WEIGHTS[k] = weight;
            }
        }
    }

    /** {@code sum dx^2} over the sorting half, so that {@code sum dx z / SLOPE_NORM} is its fitted slope. */
    private static final double SLOPE_NORM = slopeNorm();

    private static double slopeNorm() {
        double sum = 0;
        for (int k = 0; k < RING_OFFSETS.length; k++) {
            if (RING_SORTS[k]) {
                sum += RING_OFFSETS[k][0] * RING_OFFSETS[k][0];
            }
        }
        return sum;
    }

    private static double[] quadratic(int dx, int dy) {
        return new double[] {1, dx, dy, dx * dx, dy * dy, dx * dy};
    }

    /** Gaussian elimination with partial pivoting of a small symmetric positive definite system. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) {
                    pivot = i;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int i = c + 1; i < n; i++) {
                double f = m[i][c] / m[c][c];
                for (int j = c; j <= n; j++) {
                    m[i][j] -= f * m[c][j];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = m[i][n];
            for (int j = i + 1; j < n; j++) {
                sum -= m[i][j] * x[j];
            }
            x[i] = sum / m[i][i];
        }
        return x;
    }

    private NoiseEstimation() {
    }

    /**
     * One level set.
     *
     * @param level    mean noise-free value of its samples (data units)
     * @param variance robust variance of its noise samples (data units squared)
     * @param samples  number of noise samples
     */
    public record Bin(double level, double variance, int samples) {
    }

    /**
     * A fitted noise model {@code variance = gain * y + intercept} in data units.
     *
     * @param gain       data units per photon, zero or more (zero: no signal-dependent noise was measured)
     * @param intercept  the variance at {@code y = 0}; negative when the data carry a positive offset
     * @param measurable   false when the image shows no noise (or too few usable pixels to tell)
     * @param bins         the level sets the line was fitted to (those dropped as outliers excluded)
     * @param tooFewPixels true when too few smooth pixels away from the clipped values were left for the fit of the
     *                     line: then either one variance for every level was measured from those there are
     *                     (Gaussian noise alone, {@code measurable}), or there were too few even for that (not
     *                     {@code measurable}, which is then not the same as no noise)
     */
    public record Estimate(double gain, double intercept, boolean measurable, List<Bin> bins, boolean tooFewPixels) {

        public Estimate {
            bins = List.copyOf(bins);
        }

        public Estimate(double gain, double intercept, boolean measurable, List<Bin> bins) {
            this(gain, intercept, measurable, bins, false);
        }

        /** Too few usable pixels to tell. */
        static Estimate undetermined(List<Bin> bins) {
            return new Estimate(0, 0, false, bins, true);
        }

        /** Too few usable pixels for the line: one variance for every level, Gaussian noise alone. */
        static Estimate gaussianOnly(double variance) {
            return new Estimate(0, variance, true, List.of(), true);
        }

        /** The read noise if the offset is zero: {@code sqrt(max(intercept, 0))}. */
        public double readSigma() {
            return Math.sqrt(Math.max(intercept, 0));
        }

        /** The fitted variance at noise-free value {@code y}, never negative. */
        public double variance(double y) {
            return Math.max(gain * y + intercept, 0);
        }

        /**
         * The equivalent {@link PoissonGaussianNoise}, whose variance matches the line wherever it is
         * positive: offset 0 and read noise {@link #readSigma()} for a positive intercept, no read noise and
         * offset {@code -intercept / gain} for a negative one; Gaussian noise alone for a gain of zero.
         *
         * @throws IllegalStateException without measurable noise
         */
        public PoissonGaussianNoise model() {
            requireNoise();
            if (gain <= 0) {
                return PoissonGaussianNoise.gaussian(readSigma());
            }
            return intercept >= 0 ? new PoissonGaussianNoise(gain, 0, readSigma())
                    : new PoissonGaussianNoise(gain, -intercept / gain, 0);
        }

        /**
         * The model for a camera of known offset: read noise {@code sqrt(max(intercept + gain * offset, 0))};
         * Gaussian noise alone (about the offset) for a gain of zero.
         *
         * @throws IllegalStateException without measurable noise
         */
        public PoissonGaussianNoise model(double offset) {
            requireNoise();
            if (gain <= 0) {
                return new PoissonGaussianNoise(0, offset, readSigma());
            }
            return new PoissonGaussianNoise(gain, offset, Math.sqrt(Math.max(intercept + gain * offset, 0)));
        }

        /** False without measurable noise: no signal-dependent part and no read noise either. */
        public boolean hasNoise() {
            return measurable && (gain > 0 || readSigma() > 0);
        }

        private void requireNoise() {
            if (!hasNoise()) {
                throw new IllegalStateException("The image shows no measurable noise");
            }
        }
    }

    /** The estimate for channel {@code c} of item {@code b} of a tensor. */
    public static Estimate estimate(Tensor image, int b, int c) {
        if (b < 0 || b >= image.batch() || c < 0 || c >= image.channels()) {
            throw new IllegalArgumentException("No item " + b + ", channel " + c + " in a tensor of "
                    + image.batch() + " items of " + image.channels() + " channels");
        }
        int plane = image.height() * image.width();
        int start = (b * image.channels() + c) * plane;
        return estimate(Arrays.copyOfRange(image.data(), start, start + plane), image.width(), image.height());
    }

    /**
     * The estimate for one channel of {@code width * height} values, row by row.
     *
     * @throws IllegalArgumentException if the sizes do not match, the image is smaller than 16 x 16 or a
     *                                  value is not finite
     */
    public static Estimate estimate(float[] plane, int width, int height) {
        return estimate(plane, width, height, 1);
    }

    /**
     * One estimate from every plane of a stack ({@code depth} planes of {@code width * height} values, x fastest,
     * then y, then z) that share one noise model: the samples of all planes are binned and fitted together, so
     * that small planes (a thick-sliced z-stack) give as many samples as one large image. No window spans two
     * planes.
     *
     * @throws IllegalArgumentException if the sizes do not match, a plane is smaller than 16 x 16 or a value is
     *                                  not finite
     */
    public static Estimate estimate(float[] planes, int width, int height, int depth) {
        if (planes == null || width < 16 || height < 16 || depth < 1
                || planes.length != (long) width * height * depth) {
            throw new IllegalArgumentException("Noise estimation needs planes of at least 16 x 16 values, got "
                    + (planes == null ? "none" : planes.length + " values for " + width + " x " + height
                            + (depth == 1 ? "" : " x " + depth)));
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : planes) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("Noise estimation needs finite values, found " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            return new Estimate(0, 0, false, List.of());
        }
        int w = width;
        int r = LEVEL_RADIUS;
        // Samples where the level window, the gradient and the high-pass all fit inside the plane.
        int m = r + 1;
        long perPlane = (long) (width - 2 * m) * (height - 2 * m);
        if (perPlane <= 0) {
            return Estimate.undetermined(List.of());
        }
        // a large stack: every k-th plane, enough samples for the bins without gigabytes of them
        int planeStep = (int) Math.min(depth, Math.max(1, (perPlane * depth + MAX_STACK_SAMPLES - 1)
                / MAX_STACK_SAMPLES));
        int count = (int) (perPlane * ((depth + planeStep - 1) / planeStep));
        double[] sorting = new double[count];
        double[] levels = new double[count];
        double[] details = new double[count];
        double[] edges = new double[count];
        int n = 0;
        int size = width * height;
        for (int z = 0; z < depth; z += planeStep) {
            float[] plane = depth == 1 ? planes : Arrays.copyOfRange(planes, z * size, (z + 1) * size);
            float[] clipped = new float[size];
            for (int i = 0; i < size; i++) {
                clipped[i] = plane[i] == min || plane[i] == max ? 1 : 0;
            }
            double[] touched = boxMean(clipped, w, height, r);
            for (int y = m; y < height - m; y++) {
                for (int x = m; x < width - m; x++) {
                    int i = y * w + x;
                    if (touched[i] > 0) {
                        continue;
                    }
                    double row0 = plane[i - w - 1] - 2.0 * plane[i - w] + plane[i - w + 1];
                    double row1 = plane[i - 1] - 2.0 * plane[i] + plane[i + 1];
                    double row2 = plane[i + w - 1] - 2.0 * plane[i + w] + plane[i + w + 1];
                    double sort = 0;
                    double value = 0;
                    double gx = 0;
                    double gy = 0;
                    for (int k = 0; k < RING_OFFSETS.length; k++) {
                        int j = i + RING_OFFSETS[k][1] * w + RING_OFFSETS[k][0];
                        if (RING_SORTS[k]) {
                            sort += RING_WEIGHTS[k] * plane[j];
                            gx += RING_OFFSETS[k][0] * plane[j];
                            gy += RING_OFFSETS[k][1] * plane[j];
                        } else {
                            value += RING_WEIGHTS[k] * plane[j];
                        }
                    }
                    sorting[n] = sort;
                    levels[n] = value;
                    details[n] = (row0 - 2 * row1 + row2) / 6;
                    edges[n] = (gx * gx + gy * gy) / SLOPE_NORM;
                    n++;
                }
            }
        }
        List<Bin> bins = n < MIN_SAMPLES ? List.of() : bins(sorting, levels, details, edges, n);
        if (bins.size() < 2) {
            // No level sets to fit the line to. With many samples, all of them dropped as edges: a noise-free image
            // (its slopes are structure, not noise). With few (a small or mostly clipped image): their one robust
            // variance, Gaussian noise alone, when there are enough for it.
            if (n >= MIN_BINS * MIN_BIN_SAMPLES) {
                return new Estimate(0, 0, false, bins);
            }
            if (n < MIN_GAUSSIAN_SAMPLES) {
                return Estimate.undetermined(bins);
            }
            double variance = robustVariance(Arrays.copyOf(details, n));
            return Math.sqrt(variance) <= MIN_RELATIVE_NOISE * (max - min) ? new Estimate(0, 0, false, bins)
                    : Estimate.gaussianOnly(variance);
        }
        return fit(bins, max - min);
    }

    /** Level sets of equal counts, each keeping its smooth samples, with their robust variances. */
    private static List<Bin> bins(double[] sorting, double[] levels, double[] details, double[] edges, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(sorting[p], sorting[q]));
        int k = Math.max(MIN_BINS, Math.min(MAX_BINS, n / SAMPLES_PER_BIN));
        List<Bin> bins = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            int from = (int) ((long) n * b / k);
            int to = (int) ((long) n * (b + 1) / k);
            double[] all = new double[to - from];
            for (int j = from; j < to; j++) {
                all[j - from] = details[order[j]];
            }
            // Gradients of the level image that noise of this bin's variance would hardly ever produce.
            double limit = EDGE_LIMIT * robustVariance(all);
            double sum = 0;
            double[] d = new double[to - from];
            int kept = 0;
            for (int j = from; j < to; j++) {
                if (edges[order[j]] <= limit) {
                    sum += levels[order[j]];
                    d[kept++] = details[order[j]];
                }
            }
            if (kept < MIN_BIN_SAMPLES) {
                continue;
            }
            d = Arrays.copyOf(d, kept);
            bins.add(new Bin(sum / kept, robustVariance(d), kept));
        }
        return bins;
    }

    /**
     * The second moment of the values within {@value #TRUNCATION} standard deviations, corrected for the
     * truncation of a zero-mean Gaussian; the standard deviation first comes from the median absolute value.
     */
    static double robustVariance(double[] d) {
        double[] abs = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            abs[i] = Math.abs(d[i]);
        }
        Arrays.sort(abs);
        double median = abs.length % 2 == 1 ? abs[abs.length / 2]
                : 0.5 * (abs[abs.length / 2 - 1] + abs[abs.length / 2]);
        double sd = 1.482602218505602 * median;
        if (sd == 0) {
            return 0;
        }
        double limit = TRUNCATION * sd;
        double sum = 0;
        int inside = 0;
        for (double a : abs) {
            if (a > limit) {
                break;
            }
            sum += a * a;
            inside++;
        }
        return sum / inside / TRUNCATION_FACTOR;
    }

    /** E[X^2 | |X| < c] for a standard normal X: {@code 1 - 2 c phi(c) / (2 Phi(c) - 1)}. */
    private static double truncationFactor(double c) {
        double phi = Math.exp(-0.5 * c * c) / Math.sqrt(2 * Math.PI);
        double inside = erf(c / Math.sqrt(2));
        return 1 - 2 * c * phi / inside;
    }

    /** The error function by its Taylor series, accurate for the small arguments used here. */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int k = 0; k < 200; k++) {
            double add = term / (2 * k + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
            term *= -x * x / (k + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** Iteratively reweighted least squares of the bins' variances on their levels, with one outlier pass. */
    private static Estimate fit(List<Bin> bins, double range) {
        if (bins.size() < 2) {
            // Too few smooth samples at any level: nothing to fit.
            return Estimate.undetermined(bins);
        }
        double[] line = wls(bins, null);
        List<Bin> kept = new ArrayList<>();
        for (Bin bin : bins) {
            double predicted = Math.max(line[0] * bin.level() + line[1], Double.MIN_NORMAL);
            double se = predicted * Math.sqrt(2.0 * OVERLAP / bin.samples());
            if (Math.abs(bin.variance() - predicted) <= 4 * se) {
                kept.add(bin);
            }
        }
        if (kept.size() >= 2 && kept.size() < bins.size()) {
            line = wls(kept, line);
        } else {
            kept = bins;
        }
        double gain = line[0];
        double intercept = line[1];
        double largest = 0;
        for (Bin bin : kept) {
            largest = Math.max(largest, gain * bin.level() + intercept);
        }
        boolean measurable = Math.sqrt(largest) > MIN_RELATIVE_NOISE * range;
        return new Estimate(gain, intercept, measurable, kept);
    }

    /** Weighted least squares, weights {@code n / predicted^2}, reweighted from {@code start} (or equal). */
    private static double[] wls(List<Bin> bins, double[] start) {
        double[] line = start;
        for (int iteration = 0; iteration < 5; iteration++) {
            double sw = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (Bin bin : bins) {
                double predicted = line == null ? bin.variance() : line[0] * bin.level() + line[1];
                double floor = 1e-12 * Math.max(1, Math.abs(bin.variance()));
                double w = bin.samples() / Math.pow(Math.max(predicted, Math.max(bin.variance() * 0.1, floor)), 2);
                sw += w;
                sx += w * bin.level();
                sy += w * bin.variance();
                sxx += w * bin.level() * bin.level();
                sxy += w * bin.level() * bin.variance();
            }
            double det = sw * sxx - sx * sx;
            double gain = det > 0 ? (sw * sxy - sx * sy) / det : 0;
            if (gain < 0 || !Double.isFinite(gain)) {
                gain = 0;
            }
            double intercept = (sy - gain * sx) / sw;
            line = new double[] {gain, intercept};
        }
        return line;
    }

    /** The mean over the (2r+1)^2 window (clamped at the borders, where it is not used) by running sums. */
    private static double[] boxMean(float[] v, int w, int h, int r) {
        double[] rows = new double[v.length];
        for (int y = 0; y < h; y++) {
            double sum = 0;
            int base = y * w;
            for (int x = -r; x <= r; x++) {
                sum += v[base + Math.min(w - 1, Math.max(0, x))];
            }
            for (int x = 0; x < w; x++) {
                rows[base + x] = sum;
                sum += v[base + Math.min(w - 1, x + r + 1)] - v[base + Math.max(0, x - r)];
            }
        }
        double[] out = new double[v.length];
        double norm = 1.0 / ((2 * r + 1) * (2 * r + 1));
        for (int x = 0; x < w; x++) {
            double sum = 0;
            for (int y = -r; y <= r; y++) {
                sum += rows[Math.min(h - 1, Math.max(0, y)) * w + x];
            }
            for (int y = 0; y < h; y++) {
                out[y * w + x] = sum * norm;
                sum += rows[Math.min(h - 1, y + r + 1) * w + x] - rows[Math.max(0, y - r) * w + x];
            }
        }
        return out;
    }
}
