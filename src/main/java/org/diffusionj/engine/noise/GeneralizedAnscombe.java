package org.diffusionj.engine.noise;

import org.diffusionj.engine.Tensor;

/**
 * The generalized Anscombe transformation of Poisson-Gaussian data and its exact unbiased inverse.
 *
 * <p>Forward (Murtagh, Starck and Bijaoui 1995, "Image restoration with noise suppression using a
 * multiresolution support", A&amp;AS 112; in the form of Makitalo and Foi 2013): for gain {@code a}, offset
 * {@code mu} and read noise {@code sigma},
 * {@code f(z) = 2/a * sqrt(max(a z + 3/8 a^2 + sigma^2 - a mu, 0))}, which makes the noise approximately
 * Gaussian of unit variance, so a denoiser for white Gaussian noise of standard deviation 1 applies.
 *
 * <p>Inverse: a denoiser returns an estimate of {@code E[f(z) | y]}, not of {@code f(y)}, and the two differ
 * strongly at low counts, so the algebraic inverse of {@code f} is biased there. The exact unbiased inverse
 * (Makitalo and Foi 2013, "Optimal inversion of the generalized Anscombe transformation for Poisson-Gaussian
 * noise", IEEE TIP 22(1)) is the inverse of {@code y -> E[f(z) | y]}. It is computed here numerically, not
 * by a fitted closed form: in photon units ({@code z' = (z - mu)/a}, {@code s = sigma/a}) the expectation is
 * the sum over Poisson counts {@code k} of {@code P(k | y') * g(k)}, where {@code g(k) = E[2 sqrt(max(k + 3/8
 * + s^2 + n, 0))]} with {@code n ~ N(0, s^2)} is integrated by Simpson's rule after the substitution
 * {@code k + 3/8 + s^2 + n = t^2} (smooth through the clipping at zero). It is tabulated for {@code y'} from
 * 0 to {@value #TABLE_PHOTONS} photons, dense at low counts, and inverted by linear interpolation (error below
 * 1e-3 photons). Beyond the table the asymptotic inverse {@code D^2/4 - 1/8 - s^2} is used with a correction
 * decaying as {@code 1/D} that makes it continuous; for {@code s} above {@value #ASYMPTOTIC_SIGMA} the
 * asymptotic inverse is exact to 1e-5 photons and no table is built; there the transformation is taken
 * as {@code f - 2 s} (see {@link #forward(double)}) and, the data being Gaussian in all but name, an estimate
 * below the offset's maps below the offset as it does with gain 0. Otherwise an estimate below
 * {@code E[f | y = mu]} maps to the offset (no photons). For pure Poisson data the table agrees with the closed-form approximation
 * of Makitalo and Foi 2011 ({@link #closedFormPoissonInverse(double)}) to within 0.02 photons.
 *
 * <p>Gaussian noise alone (gain 0) is the transformation's limit as the gain goes to zero, up to a constant:
 * {@code f(z) = (z - mu) / sigma}, linear, so its algebraic inverse {@code mu + sigma d} is already exact and
 * unbiased.
 *
 * <p>Immutable and thread-safe; building one costs about a millisecond.
 */
public final class GeneralizedAnscombe {

    /** The largest expected photon count of the inverse's table. */
    public static final double TABLE_PHOTONS = 1000;

    /** Read noise, in photons, above which the asymptotic inverse is used everywhere. */
    public static final double ASYMPTOTIC_SIGMA = 100;

    /** Spacing of the table in sqrt(photons). */
    private static final double ROOT_STEP = 0.04;

    /** Simpson intervals of the Gaussian integral. */
    private static final int SIMPSON = 400;

    /** Half-width, in standard deviations, of the Gaussian and Poisson ranges summed. */
    private static final double REACH = 10;

    private final PoissonGaussianNoise noise;
    /** Read noise in photons. */
    private final double s;
    /** Photon counts of the table, increasing; null when the asymptotic inverse is used everywhere. */
    private final double[] photons;
    /** E[f | photons[i]], increasing. */
    private final double[] expected;
    /** The correction at the table's end, times the end's D. */
    private final double tail;
    /**
     * What {@link #forward} subtracts from {@code f}: {@code 2 s} where the read noise {@code s} (photons) is above
     * {@value #ASYMPTOTIC_SIGMA}, else 0. There {@code f} is about {@code 2 s} plus the signal's part, and with
     * a tiny gain (Gaussian-like data: {@code s} of millions) a float would keep nothing of the signal; any constant
     * may be taken off a transformation whose noise is to be unit white noise.
     */
    private final double shift;

    public GeneralizedAnscombe(PoissonGaussianNoise noise) {
        if (noise == null) {
            throw new IllegalArgumentException("The noise model must not be null");
        }
        this.noise = noise;
        this.s = noise.gaussianOnly() ? Double.POSITIVE_INFINITY : noise.readSigma() / noise.gain();
        if (s > ASYMPTOTIC_SIGMA) {
            photons = null;
            expected = null;
            tail = 0;
            shift = noise.gaussianOnly() ? 0 : 2 * s;
            return;
        }
        shift = 0;
        int n = (int) Math.ceil(Math.sqrt(TABLE_PHOTONS) / ROOT_STEP) + 1;
        photons = new double[n];
        expected = new double[n];
        int maxCount = (int) Math.ceil(TABLE_PHOTONS + REACH * Math.sqrt(TABLE_PHOTONS) + REACH);
        double[] g = new double[maxCount + 1];
        for (int k = 0; k <= maxCount; k++) {
            g[k] = expectedRoot(k + 0.375 + s * s, s);
        }
        for (int i = 0; i < n; i++) {
            double root = Math.min(i * ROOT_STEP, Math.sqrt(TABLE_PHOTONS));
            photons[i] = root * root;
            expected[i] = expectation(photons[i], g);
        }
        double end = expected[n - 1];
        tail = (photons[n - 1] - asymptotic(end)) * end;
    }

    /** The noise model the transformation is for. */
    public PoissonGaussianNoise noise() {
        return noise;
    }

    /**
     * The transformed value {@code f(z)}; {@code f(z) - 2 s} where the read noise {@code s} is above
     * {@value #ASYMPTOTIC_SIGMA} photons (a constant, taken off so that floats keep the signal), and
     * {@code (z - mu) / sigma} for Gaussian noise alone.
     */
    public double forward(double z) {
        if (noise.gaussianOnly()) {
            return (z - noise.offset()) / noise.readSigma();
        }
        double u = (z - noise.offset()) / noise.gain() + 0.375;
        if (shift != 0) { // 2 sqrt(u + s^2) - 2 s without the cancellation
            return u + s * s <= 0 ? -shift : 2 * u / (Math.sqrt(u + s * s) + s);
        }
        return 2 * Math.sqrt(Math.max(u + s * s, 0));
    }

    /** {@link #forward(double)} of every value: a new array. */
    public float[] forward(float[] z) {
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) forward(z[i]);
        }
        return out;
    }

    /** {@link #forward(double)} of every value: a new tensor of the same shape. */
    public Tensor forward(Tensor z) {
        return new Tensor(forward(z.data()), z.batch(), z.channels(), z.height(), z.width());
    }

    /**
     * The exact unbiased inverse: the noise-free value {@code y} (in data units) whose {@code E[f(z) | y]} is
     * {@code d}; the offset for {@code d} at or below {@code E[f(z) | offset]}, except where the data are
     * Gaussian or nearly so (gain 0, or read noise above {@value #ASYMPTOTIC_SIGMA} photons), which go below it.
     */
    public double inverse(double d) {
        if (noise.gaussianOnly()) {
            return algebraicInverse(d);
        }
        return noise.offset() + noise.gain() * inversePhotons(d);
    }

    /** {@link #inverse(double)} of every value: a new array. */
    public float[] inverse(float[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) inverse(d[i]);
        }
        return out;
    }

    /** {@link #inverse(double)} of every value: a new tensor of the same shape. */
    public Tensor inverse(Tensor d) {
        return new Tensor(inverse(d.data()), d.batch(), d.channels(), d.height(), d.width());
    }

    /**
     * The algebraic inverse of {@code f}, {@code y = a ((d/2)^2 - 3/8 - s^2) + mu} (for the unshifted {@code d};
     * {@code mu + sigma d} for Gaussian noise alone): exact for a noise-free
     * {@code f(y)} but biased for an estimate of {@code E[f(z) | y]}, strongly at low counts.
     */
    public double algebraicInverse(double d) {
        if (noise.gaussianOnly()) {
            return noise.offset() + noise.readSigma() * d;
        }
        return noise.offset() + noise.gain() * (asymptotic(d) - 0.25);
    }

    /**
     * {@code E[f(z) | y]} for the noise-free value {@code y} (data units), what an ideal denoiser returns: the
     * functional inverse of {@link #inverse(double)}, so that {@code inverse(expectedForward(y)) == y} (except below
     * the offset where the data are not Gaussian-like: there the inverse gives the offset). Within the
     * table it is the table; beyond it (more than {@value #TABLE_PHOTONS} photons, or read noise above
     * {@value #ASYMPTOTIC_SIGMA} photons everywhere) it inverts the inverse's asymptotic form
     * {@code D^2/4 - 1/8 - s^2}, the second-order expansion of {@code E[2 sqrt(z + 3/8 + s^2)]} (off by about
     * {@code 1e-6} of the unit noise SD there), in closed form or by a few Newton steps: summing the expectation pixel by pixel cost
     * seconds per megapixel of bright or Gaussian-like data.
     */
    public double expectedForward(double y) {
        if (noise.gaussianOnly()) {
            return forward(y);
        }
        if (photons == null) {
            // d^2/4 + d s - 1/8 = p for the shifted d, without the cancellation; Gaussian in all but name, so values
            // below the offset keep their (negative) counts, as the inverse gives them; f's range ends at -shift
            double q = Math.max((y - noise.offset()) / noise.gain() + 0.125, -s * s);
            return 2 * q / (Math.sqrt(s * s + q) + s);
        }
        double p = noise.photons(y);
        int n = photons.length;
        if (p > photons[n - 1]) {
            // D^2/4 - 1/8 - s^2 + tail / D = p; the tail term is tiny, so Newton from the plain root converges at once
            double d = 2 * Math.sqrt(p + 0.125 + s * s);
            for (int i = 0; i < 4; i++) {
                d -= (asymptotic(d) + tail / d - p) / (d / 2 - tail / (d * d));
            }
            return d;
        }
        int i = upper(photons, p);
        if (i == 0) {
            return expected[0];
        }
        double w = (p - photons[i - 1]) / (photons[i] - photons[i - 1]);
        return expected[i - 1] + w * (expected[i] - expected[i - 1]);
    }

    /** {@link #expectedForward(double)} of every value (the functional inverse of {@link #inverse(Tensor)}). */
    public Tensor expectedForward(Tensor y) {
        float[] out = new float[y.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) expectedForward(y.data()[i]);
        }
        return new Tensor(out, y.batch(), y.channels(), y.height(), y.width());
    }

    /**
     * The closed-form approximation of the exact unbiased inverse for pure Poisson data in photons
     * ({@code f(z) = 2 sqrt(z + 3/8)}; Makitalo and Foi 2011, "A closed-form approximation of the exact
     * unbiased inverse of the Anscombe variance-stabilizing transformation", IEEE TIP 20(9)):
     * {@code D^2/4 + sqrt(3/2)/4 D^-1 - 11/8 D^-2 + 5/8 sqrt(3/2) D^-3 - 1/8}.
     */
    public static double closedFormPoissonInverse(double d) {
        double r = Math.sqrt(1.5);
        return d * d / 4 + r / (4 * d) - 11 / (8 * d * d) + 5 * r / (8 * d * d * d) - 0.125;
    }

    private double inversePhotons(double d) {
        if (shift != 0) {
            // read noise of more than ASYMPTOTIC_SIGMA photons: the data are Gaussian in all but name (a tiny fitted
            // gain), so values below the offset stay below it, as with gain 0; f's range ends at -shift
            return asymptotic(Math.max(d, -shift));
        }
        int n = expected.length;
        if (d >= expected[n - 1]) {
            return asymptotic(d) + tail / d;
        }
        if (d <= expected[0]) {
            return 0;
        }
        int i = upper(expected, d);
        double w = (d - expected[i - 1]) / (expected[i] - expected[i - 1]);
        return photons[i - 1] + w * (photons[i] - photons[i - 1]);
    }

    /** The first index whose value exceeds {@code v} ({@code a} increasing, {@code a[0] <= v < a[last]}). */
    private static int upper(double[] a, double v) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** {@code D^2/4 - 1/8 - s^2} of the unshifted {@code D = d + shift}, expanded so that nothing cancels. */
    private double asymptotic(double d) {
        return shift != 0 ? d * d / 4 + d * s - 0.125 : d * d / 4 - 0.125 - s * s;
    }

    /** E[f | y'] from the tabulated g over the Poisson counts within REACH standard deviations. */
    private static double expectation(double y, double[] g) {
        if (y == 0) {
            return g[0];
        }
        int lo = (int) Math.max(0, Math.floor(y - REACH * Math.sqrt(y) - REACH));
        int hi = (int) Math.min(g.length - 1, Math.ceil(y + REACH * Math.sqrt(y) + REACH));
        double logY = Math.log(y);
        double sum = 0;
        double mass = 0;
        for (int k = lo; k <= hi; k++) {
            double p = Math.exp(-y + k * logY - PoissonGaussianNoise.logFactorial(k));
            sum += p * g[k];
            mass += p;
        }
        return sum / mass;
    }

    /**
     * {@code E[2 sqrt(max(c + n, 0))]} for {@code n ~ N(0, sd^2)}: with {@code c + n = t^2} the integrand
     * {@code 4 t^2 phi((t^2 - c)/sd)/sd} is smooth on {@code t >= 0}, integrated by Simpson's rule.
     */
    static double expectedRoot(double c, double sd) {
        if (sd == 0) {
            return 2 * Math.sqrt(Math.max(c, 0));
        }
        double t0 = Math.sqrt(Math.max(c - REACH * sd, 0));
        double t1 = Math.sqrt(Math.max(c + REACH * sd, 0));
        double h = (t1 - t0) / SIMPSON;
        double norm = 1 / (sd * Math.sqrt(2 * Math.PI));
        double sum = 0;
        for (int i = 0; i <= SIMPSON; i++) {
            double t = t0 + i * h;
            double u = (t * t - c) / sd;
            double f = 4 * t * t * norm * Math.exp(-0.5 * u * u);
            sum += (i == 0 || i == SIMPSON ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
        }
        return sum * h / 3;
    }
}
