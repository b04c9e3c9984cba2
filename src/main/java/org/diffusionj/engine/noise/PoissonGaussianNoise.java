package org.diffusionj.engine.noise;

import java.util.random.RandomGenerator;
import org.diffusionj.engine.Tensor;

/**
 * The Poisson-Gaussian noise of a camera: a value is {@code gain * photons + offset + read}, where the photon
 * count is Poisson with mean {@code (mean - offset) / gain} and the read noise is Gaussian with standard
 * deviation {@code readSigma}, all in the data's units. Its variance is therefore affine in the mean,
 * {@code gain * (mean - offset) + readSigma^2} (Foi et al. 2008, "Practical Poissonian-Gaussian noise modeling
 * and fitting for single-image raw-data", IEEE TIP 17(10), eq. 2-4).
 *
 * <p>Synthetic noisy data ({@link #apply(float[], RandomGenerator)}) draw exact Poisson counts: Knuth's
 * multiplication method below a mean of {@value #KNUTH_LIMIT} photons and, above it, Hörmann's transformed
 * rejection with squeeze PTRS ("The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 1993), which is exact at every mean and costs O(1) per draw.
 *
 * <p>A gain of zero is Gaussian noise alone (no photon part: an EM image, an already processed or
 * background-subtracted one): a value is its mean plus the read noise, whose SD must then be positive.
 *
 * @param gain      data units per photon, positive; zero for Gaussian noise alone
 * @param offset    the value of zero photons (the camera's pedestal), in data units
 * @param readSigma standard deviation of the Gaussian read noise in data units, zero or more (positive with gain 0)
 */
public record PoissonGaussianNoise(double gain, double offset, double readSigma) {

    /** Means (in photons) below which Poisson counts are drawn by Knuth's method. */
    public static final double KNUTH_LIMIT = 10;

    public PoissonGaussianNoise {
        if (!(gain >= 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("The gain must be zero or more and finite, got " + gain);
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("The offset must be finite, got " + offset);
        }
        if (!(readSigma >= 0) || !Double.isFinite(readSigma)) {
            throw new IllegalArgumentException("The read noise must be zero or more and finite, got " + readSigma);
        }
        if (gain == 0 && readSigma == 0) {
            throw new IllegalArgumentException("Noise without a photon part needs a read noise above zero");
        }
    }

    /** Gaussian noise alone, of standard deviation {@code sigma} (positive) in data units. */
    public static PoissonGaussianNoise gaussian(double sigma) {
        return new PoissonGaussianNoise(0, 0, sigma);
    }

    /** True for Gaussian noise alone (gain 0). */
    public boolean gaussianOnly() {
        return gain == 0;
    }

    /** Pure Poisson noise of the given gain: no offset, no read noise. */
    public static PoissonGaussianNoise poisson(double gain) {
        return new PoissonGaussianNoise(gain, 0, 0);
    }

    /**
     * The variance of a value whose noise-free mean is {@code mean}: {@code gain * (mean - offset) +
     * readSigma^2}, and {@code readSigma^2} for a mean at or below the offset (no photons).
     */
    public double variance(double mean) {
        return gain * Math.max(mean - offset, 0) + readSigma * readSigma;
    }

    /** The expected photon count of a noise-free value, zero at or below the offset (and for Gaussian noise alone). */
    public double photons(double mean) {
        return gaussianOnly() ? 0 : Math.max(mean - offset, 0) / gain;
    }

    /**
     * Noisy values for noise-free ones: {@code gain * Poisson((clean - offset) / gain) + offset + N(0,
     * readSigma^2)} for each value (a clean value at or below the offset gets no photons). A new array;
     * {@code clean} is not changed.
     */
    public float[] apply(float[] clean, RandomGenerator rnd) {
        float[] out = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            out[i] = (float) sample(clean[i], rnd);
        }
        return out;
    }

    /** {@link #apply(float[], RandomGenerator)} on every value of a tensor: a new tensor of the same shape. */
    public Tensor apply(Tensor clean, RandomGenerator rnd) {
        return new Tensor(apply(clean.data(), rnd), clean.batch(), clean.channels(), clean.height(), clean.width());
    }

    /** One noisy value whose noise-free mean is {@code mean}. */
    public double sample(double mean, RandomGenerator rnd) {
        double value = gaussianOnly() ? mean : gain * poisson(photons(mean), rnd) + offset;
        return readSigma > 0 ? value + readSigma * rnd.nextGaussian() : value;
    }

    /**
     * A Poisson count of mean {@code lambda} (zero or more, finite): Knuth's method below
     * {@value #KNUTH_LIMIT}, Hörmann's PTRS above.
     */
    public static long poisson(double lambda, RandomGenerator rnd) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("A Poisson mean must be zero or more and finite, got " + lambda);
        }
        if (lambda == 0) {
            return 0;
        }
        return lambda < KNUTH_LIMIT ? knuth(lambda, rnd) : ptrs(lambda, rnd);
    }

    /** Knuth (TAOCP vol. 2, 3.4.1): multiply uniforms until the product falls below exp(-lambda). */
    private static long knuth(double lambda, RandomGenerator rnd) {
        double limit = Math.exp(-lambda);
        double product = rnd.nextDouble();
        long k = 0;
        while (product > limit) {
            k++;
            product *= rnd.nextDouble();
        }
        return k;
    }

    /** Hörmann 1993, algorithm PTRS (transformed rejection with squeeze), for lambda of 10 or more. */
    private static long ptrs(double lambda, RandomGenerator rnd) {
        double sqrtLambda = Math.sqrt(lambda);
        double logLambda = Math.log(lambda);
        double b = 0.931 + 2.53 * sqrtLambda;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rnd.nextDouble() - 0.5;
            double v = rnd.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                    <= -lambda + k * logLambda - logFactorial(k)) {
                return k;
            }
        }
    }

    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        for (int k = 2; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    /** log(k!): a table below 256, Stirling's series (error below 1e-15) above. */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double n = k;
        double inv = 1 / n;
        double inv2 = inv * inv;
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n)
                + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
