package org.diffusionj.eval;

import java.util.Random;

/**
 * A 16-bit-like fluorescence image of any size: round and elongated Gaussian blobs (nuclei and spots) on a
 * slowly varying background, with shot noise (Gaussian with the signal's variance, the large-count limit of
 * Poisson noise) and camera read noise, rounded to integers in [0, 65535]. One blob per 600 pixels, each
 * 3 to 9 pixels wide, so the texture does not depend on the image's size. Seeded: the same seed gives the same
 * image.
 */
public final class SyntheticBlobs {

    private static final double BACKGROUND = 300;
    private static final double READ_NOISE = 8;

    private SyntheticBlobs() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[width * height];
        double gx = rnd.nextDouble() * 2 * Math.PI;
        double gy = rnd.nextDouble() * 2 * Math.PI;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                v[y * width + x] = (float) (BACKGROUND * (1 + 0.3 * Math.sin(gx + x / 150.0) * Math.cos(gy + y / 170.0)));
            }
        }
        long blobs = Math.max(4, (long) width * height / 600);
        for (long k = 0; k < blobs; k++) {
            double sx = 3 + 6 * rnd.nextDouble();
            double sy = sx * (0.6 + 0.8 * rnd.nextDouble());
            blob(v, width, height, rnd.nextDouble() * width, rnd.nextDouble() * height, sx, sy,
                    rnd.nextDouble() * Math.PI, 400 + 2600 * rnd.nextDouble());
        }
        return camera(v, width, height, READ_NOISE, rnd);
    }

    /** A synthetic scene: the expected gray value of every pixel, drawn from {@code rnd}. */
    interface Scene {
        float[] draw(int width, int height, Random rnd);
    }

    /** {@code scene} as the camera records it ({@link #camera}), seeded: the scene draws first, then the noise. */
    static FloatImage recorded(Scene scene, int width, int height, long seed, double readNoise) {
        Random rnd = new Random(seed);
        return camera(scene.draw(width, height, rnd), width, height, readNoise, rnd);
    }

    /** The same scene without the camera's noise: the expected value of every pixel of {@link #recorded}. */
    static FloatImage expected(Scene scene, int width, int height, long seed) {
        return new FloatImage(scene.draw(width, height, new Random(seed)), width, height, 1);
    }

    /**
     * Shot noise (Gaussian with the signal's variance, the large-count limit of Poisson noise) and read noise
     * of standard deviation {@code readNoise}, rounded to 16-bit counts: what a camera adds to {@code v}.
     */
    static FloatImage camera(float[] v, int width, int height, double readNoise, Random rnd) {
        for (int i = 0; i < v.length; i++) {
            double noisy = v[i] + Math.sqrt(v[i]) * rnd.nextGaussian() + readNoise * rnd.nextGaussian();
            v[i] = (float) Math.max(0, Math.min(65535, Math.rint(noisy)));
        }
        return new FloatImage(v, width, height, 1);
    }

    /** Adds an anisotropic Gaussian of peak {@code amplitude}, drawn within 4 standard deviations. */
    private static void blob(float[] v, int w, int h, double cx, double cy, double sx, double sy, double angle,
            double amplitude) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int reach = (int) Math.ceil(4 * Math.max(sx, sy));
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double u = ((x - cx) * cos + (y - cy) * sin) / sx;
                double t = (-(x - cx) * sin + (y - cy) * cos) / sy;
                v[y * w + x] += (float) (amplitude * Math.exp(-0.5 * (u * u + t * t)));
            }
        }
    }
}
