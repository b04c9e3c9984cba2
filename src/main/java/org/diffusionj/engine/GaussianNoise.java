package org.diffusionj.engine;

import java.util.SplittableRandom;

/**
 * Seeded standard normal noise, bit-identical on every machine and device.
 *
 * <p>The generator is our own: {@link SplittableRandom} uniforms turned into normals by the Box-Muller
 * transform, evaluated with {@link StrictMath} so that no platform intrinsic changes a bit. Device random
 * generators are never used, so a seed reproduces an image on CPU and GPU alike. Each call consumes whole
 * pairs of normals (an odd-length fill discards the spare), so the stream depends only on the seed and the
 * sequence of requested lengths. Not thread-safe.
 */
public final class GaussianNoise {

    private static final double TWO_PI = 2 * Math.PI;

    private final SplittableRandom random;
    /** 1, or -1 for the antithetic stream. */
    private final float sign;

    /** A generator whose stream is fixed by {@code seed}. */
    public GaussianNoise(long seed) {
        this(seed, 1f);
    }

    private GaussianNoise(long seed, float sign) {
        this.random = new SplittableRandom(seed);
        this.sign = sign;
    }

    /**
     * The antithetic twin of {@code new GaussianNoise(seed)}: the same stream with every value negated (equally
     * distributed, perfectly negatively correlated with it).
     */
    public static GaussianNoise antithetic(long seed) {
        return new GaussianNoise(seed, -1f);
    }

    /** A new tensor of independent N(0, 1) values. */
    public Tensor next(int b, int c, int h, int w) {
        Tensor t = new Tensor(b, c, h, w);
        fill(t.data());
        return t;
    }

    /** A new tensor of N(0, 1) values shaped like {@code like}. */
    public Tensor nextLike(Tensor like) {
        return next(like.batch(), like.channels(), like.height(), like.width());
    }

    /** Overwrites {@code a} with independent N(0, 1) values. */
    public void fill(float[] a) {
        for (int i = 0; i < a.length; i += 2) {
            // Box-Muller: 1 - u lies in (0, 1], so the logarithm is finite.
            double radius = StrictMath.sqrt(-2 * StrictMath.log(1.0 - random.nextDouble()));
            double angle = TWO_PI * random.nextDouble();
            a[i] = sign * (float) (radius * StrictMath.cos(angle));
            if (i + 1 < a.length) {
                a[i + 1] = sign * (float) (radius * StrictMath.sin(angle));
            }
        }
    }
}
