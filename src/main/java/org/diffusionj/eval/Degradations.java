package org.diffusionj.eval;

import java.util.Random;

/**
 * The forward models the tasks invert, applied to a ground truth: average pooling (the camera integrating
 * over bigger pixels; the engine's super-resolution operator), the gray value of an RGB image (the mean of R,
 * G and B, the engine's colorization operator) and additive Gaussian noise.
 */
public final class Degradations {

    private Degradations() {
    }

    /** {@code s x s} average pooling; a border that does not fill a whole block is dropped. */
    public static FloatImage averagePool(FloatImage img, int s) {
        int lw = img.width() / s;
        int lh = img.height() / s;
        FloatImage out = FloatImage.zeros(lw, lh, img.channels());
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < lh; y++) {
                for (int x = 0; x < lw; x++) {
                    double sum = 0;
                    for (int dy = 0; dy < s; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            sum += img.get(x * s + dx, y * s + dy, c);
                        }
                    }
                    out.set(x, y, c, (float) (sum / (s * s)));
                }
            }
        }
        return out;
    }

    /** The mean of the channels, as one channel (a gray image is returned as a copy). */
    public static FloatImage gray(FloatImage img) {
        FloatImage out = FloatImage.zeros(img.width(), img.height(), 1);
        int n = img.plane();
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < img.channels(); c++) {
                sum += img.data()[c * n + i];
            }
            out.data()[i] = (float) (sum / img.channels());
        }
        return out;
    }

    /** A gray image repeated as R, G and B: the colorization baseline, colourless and exactly consistent. */
    public static FloatImage replicate(FloatImage gray) {
        return FloatImage.stack(gray, gray, gray);
    }

    /** A copy with zero-mean Gaussian noise of standard deviation {@code sigma} added, seeded. */
    public static FloatImage addNoise(FloatImage img, double sigma, long seed) {
        Random rnd = new Random(seed);
        FloatImage out = img.copy();
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] += (float) (sigma * rnd.nextGaussian());
        }
        return out;
    }
}
