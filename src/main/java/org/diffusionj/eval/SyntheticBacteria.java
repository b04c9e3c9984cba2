package org.diffusionj.eval;

import java.util.Random;
import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.Tensor;

/**
 * A 16-bit-like phase-contrast image of a bacterial colony growing on an agar pad (rod-shaped cells such as E.
 * coli under a 100x objective, about 100 nm pixels): rods 7-10 pixels wide and 18-48 long with round caps, packed
 * side by side in domains of nearly one orientation (the way a growing colony aligns), some dividing (a constriction
 * at mid-cell). Each cell's optical path (its thickness: a spherocylinder) makes it dark, and phase contrast's halo
 * makes a bright rim around it and bright seams between touching cells; bright light, shot and read noise. The
 * default model never saw bacteria (its brightfield class holds mammalian cells in phase contrast and plain
 * brightfield, far larger and flatter): rods of one width whose seams and caps a x4 input no longer shows. Seeded.
 */
public final class SyntheticBacteria {
    /** The ground holds about 6,000 photons: phase contrast with the lamp well up (shot noise 1.3 %). */
    private static final double BACKGROUND = 6000;
    /** How much the cell's optical path darkens it (at its thickest). */
    private static final double DARKENING = 0.45;
    /** The halo: light diffracted out of the cell lands just around it (the difference of a wide and a sharp blur). */
    private static final double HALO = 0.6;
    private static final double OPTICS_SIGMA = 0.9;
    private static final double HALO_SIGMA = 4;
    private static final double READ_NOISE = 6;

    private SyntheticBacteria() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        return SyntheticBlobs.recorded(SyntheticBacteria::scene, width, height, seed, READ_NOISE);
    }

    /** The same image without its camera noise: the expected value of every pixel of {@link #generate}. */
    public static FloatImage noiseFree(int width, int height, long seed) {
        return SyntheticBlobs.expected(SyntheticBacteria::scene, width, height, seed);
    }

    private static float[] scene(int width, int height, Random rnd) {
        // the colony's orientation field: a base angle bent slowly across the image
        double base = rnd.nextDouble() * Math.PI;
        double bendX = (rnd.nextDouble() - 0.5) * 2.4 / width;
        double bendY = (rnd.nextDouble() - 0.5) * 2.4 / height;
        double waveLength = 60 + 60 * rnd.nextDouble();
        double wavePhase = rnd.nextDouble() * 2 * Math.PI;
        float[] thickness = new float[width * height];
        boolean[] taken = new boolean[width * height];
        int attempts = width * height / 4;
        for (int a = 0; a < attempts; a++) {
            double cx = rnd.nextDouble() * (width + 20) - 10;
            double cy = rnd.nextDouble() * (height + 20) - 10;
            double angle = base + bendX * cx + bendY * cy + 0.35 * Math.sin(2 * Math.PI * (cx + cy) / waveLength
                    + wavePhase) + 0.12 * rnd.nextGaussian();
            double radius = 3.5 + 1.5 * rnd.nextDouble();
            double length = 18 + 30 * rnd.nextDouble();
            boolean dividing = length > 36 && rnd.nextDouble() < 0.5;
            Rod rod = new Rod(cx, cy, Math.cos(angle), Math.sin(angle), (length - 2 * radius) / 2, radius, dividing);
            if (rod.fits(taken, width, height)) {
                rod.draw(thickness, taken, width, height);
            }
        }
        Tensor path = new Tensor(thickness, 1, 1, height, width);
        float[] sharp = GaussianKernel.blurPlanes(path, GaussianKernel.weights(OPTICS_SIGMA,
                (int) Math.ceil(3 * OPTICS_SIGMA))).data();
        float[] wide = GaussianKernel.blurPlanes(path, GaussianKernel.weights(HALO_SIGMA,
                (int) Math.ceil(3 * HALO_SIGMA))).data();
        float[] v = new float[width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(1, BACKGROUND * (1 - DARKENING * sharp[i] + HALO * (wide[i] - sharp[i])));
        }
        return v;
    }

    /**
     * A rod: a spherocylinder of {@code radius} around the segment of half-length {@code half} through (cx, cy) along
     * (dx, dy); a dividing rod is pinched to a third of its radius at mid-cell, a smooth septum.
     */
    private record Rod(double cx, double cy, double dx, double dy, double half, double radius, boolean dividing) {

        /** The rod's thickness at (x, y): 0 outside, 1 on its axis, a circular profile across. */
        double thickness(double x, double y) {
            double r = radius;
            if (dividing) {
                double along = (x - cx) * dx + (y - cy) * dy;
                r *= 1 - 0.65 * Math.exp(-0.5 * along * along / (0.3 * radius * 0.3 * radius));
            }
            double d = distanceToAxis(x, y);
            return d < r ? Math.sqrt(1 - (d / r) * (d / r)) : 0; // the optics' blur softens the edge
        }

        private int reach() {
            return (int) Math.ceil(half + radius + 2);
        }

        /** Whether the rod (with a pixel of seam around it) lies on no other cell. */
        boolean fits(boolean[] taken, int w, int h) {
            int reach = reach();
            for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
                for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                    if (taken[y * w + x] && distanceToAxis(x, y) < radius + 0.8) {
                        return false;
                    }
                }
            }
            return true;
        }

        void draw(float[] thickness, boolean[] taken, int w, int h) {
            int reach = reach();
            for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
                for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                    double t = thickness(x, y);
                    if (t > 0) {
                        thickness[y * w + x] = (float) Math.max(thickness[y * w + x], t);
                    }
                    if (distanceToAxis(x, y) < radius) {
                        taken[y * w + x] = true;
                    }
                }
            }
        }

        /** The distance from (x, y) to the rod's axis segment. */
        private double distanceToAxis(double x, double y) {
            double along = (x - cx) * dx + (y - cy) * dy;
            double across = -(x - cx) * dy + (y - cy) * dx;
            double beyond = Math.max(0, Math.abs(along) - half);
            return Math.sqrt(beyond * beyond + across * across);
        }
    }
}
