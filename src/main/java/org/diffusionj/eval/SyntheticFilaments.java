package org.diffusionj.eval;

import java.util.Random;

/**
 * A 16-bit-like image of a cytoskeletal network (microtubules or actin stained in fluorescence): thin, long,
 * gently curving filaments that cross one another, about 1.2 pixels wide after the optics, on a dim
 * background, with shot and read noise. The default model never saw such images (it was trained on nuclei,
 * phase-contrast cells and stained tissue), which makes them the test of fine-tuning. Seeded.
 */
public final class SyntheticFilaments {
    private static final double BACKGROUND = 120;
    private static final double READ_NOISE = 6;
    private static final double WIDTH = 1.2;

    private SyntheticFilaments() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        return SyntheticBlobs.recorded(SyntheticFilaments::scene, width, height, seed, READ_NOISE);
    }

    /** The same image without its camera noise: the expected value of every pixel of {@link #generate}. */
    public static FloatImage noiseFree(int width, int height, long seed) {
        return SyntheticBlobs.expected(SyntheticFilaments::scene, width, height, seed);
    }

    private static float[] scene(int width, int height, Random rnd) {
        float[] v = new float[width * height];
        java.util.Arrays.fill(v, (float) BACKGROUND);
        int filaments = Math.max(3, width * height / 1100);
        for (int f = 0; f < filaments; f++) {
            double x = rnd.nextDouble() * width;
            double y = rnd.nextDouble() * height;
            double angle = rnd.nextDouble() * 2 * Math.PI;
            double curvature = 0;
            double brightness = 250 + 900 * rnd.nextDouble();
            double length = (0.6 + 1.2 * rnd.nextDouble()) * Math.max(width, height);
            for (double s = 0; s < length; s += 0.5) {
                curvature = 0.97 * curvature + 0.012 * rnd.nextGaussian();
                angle += curvature;
                x += 0.5 * Math.cos(angle);
                y += 0.5 * Math.sin(angle);
                splat(v, width, height, x, y, brightness * 0.5);
            }
        }
        return v;
    }

    /** Adds a Gaussian spot of the filament's width at (cx, cy): one half-pixel step of the line. */
    private static void splat(float[] v, int w, int h, double cx, double cy, double amplitude) {
        int reach = (int) Math.ceil(3 * WIDTH);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                v[y * w + x] += (float) (amplitude * Math.exp(-0.5 * d2 / (WIDTH * WIDTH)));
            }
        }
    }
}
