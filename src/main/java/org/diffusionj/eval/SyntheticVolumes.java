package org.diffusionj.eval;

import java.util.Random;
import org.diffusionj.engine.GaussianKernel;

/**
 * Isotropic 3D ground truths for the isotropic-reconstruction eval: fluorescent nuclei (textured ellipsoids)
 * or filaments (curving 3D fibres), seen through an isotropic Gaussian PSF (sigma 1 voxel), in photon-like
 * units over a dim background. Volumes are {@code [z][y][x]} flattened, x fastest. Seeded; no model saw them.
 */
final class SyntheticVolumes {
    private static final double BACKGROUND = 20;

    private SyntheticVolumes() {
    }

    /** Ellipsoidal nuclei with a granular interior. */
    static float[] nuclei(int w, int h, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[w * h * d];
        int count = Math.max(3, w * h * d / 4000);
        for (int n = 0; n < count; n++) {
            double cx = rnd.nextDouble() * w;
            double cy = rnd.nextDouble() * h;
            double cz = rnd.nextDouble() * d;
            double r = 4 + 5 * rnd.nextDouble();
            double[] axes = {r * (0.8 + 0.4 * rnd.nextDouble()), r * (0.8 + 0.4 * rnd.nextDouble()),
                r * (0.7 + 0.4 * rnd.nextDouble())};
            double brightness = 80 + 120 * rnd.nextDouble();
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double q = sq((x - cx) / axes[0]) + sq((y - cy) / axes[1]) + sq((z - cz) / axes[2]);
                        if (q < 1) {
                            double texture = 1 + 0.25 * Math.sin(1.3 * x + 0.7 * y) * Math.cos(0.9 * z + 1.1 * y);
                            v[(z * h + y) * w + x] += (float) (brightness * texture * (1 - 0.3 * q));
                        }
                    }
                }
            }
        }
        return finish(v, w, h, d);
    }

    /** Thin fibres, one voxel wide before the PSF, gently curving in 3D. */
    static float[] filaments(int w, int h, int d, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[w * h * d];
        int count = Math.max(3, w * h * d / 3000);
        for (int f = 0; f < count; f++) {
            double x = rnd.nextDouble() * w;
            double y = rnd.nextDouble() * h;
            double z = rnd.nextDouble() * d;
            double theta = rnd.nextDouble() * 2 * Math.PI;
            double phi = (rnd.nextDouble() - 0.5) * Math.PI;
            double brightness = 150 + 250 * rnd.nextDouble();
            for (double s = 0; s < 2 * Math.max(w, h); s += 0.5) {
                theta += 0.05 * rnd.nextGaussian();
                phi += 0.05 * rnd.nextGaussian();
                x += 0.5 * Math.cos(theta) * Math.cos(phi);
                y += 0.5 * Math.sin(theta) * Math.cos(phi);
                z += 0.5 * Math.sin(phi);
                int ix = (int) Math.round(x);
                int iy = (int) Math.round(y);
                int iz = (int) Math.round(z);
                if (ix >= 0 && ix < w && iy >= 0 && iy < h && iz >= 0 && iz < d) {
                    v[(iz * h + iy) * w + ix] += (float) (brightness * 0.5);
                }
            }
        }
        return finish(v, w, h, d);
    }

    private static float[] finish(float[] v, int w, int h, int d) {
        float[] blurred = blur(v, w, h, d);
        for (int i = 0; i < blurred.length; i++) {
            blurred[i] += (float) BACKGROUND;
        }
        return blurred;
    }

    /** Separable Gaussian blur, sigma 1 voxel along x, y and z, edges clamped. */
    static float[] blur(float[] v, int w, int h, int d) {
        double[] k = GaussianKernel.weights(1, 3);
        float[] a = GaussianKernel.along(v, k, 1, w);
        float[] b = GaussianKernel.along(a, k, w, h);
        return GaussianKernel.along(b, k, w * h, d);
    }

    /**
     * A Gaussian blur along z only, edges clamped: the part of an anisotropic PSF that is longer axially (the eval's
     * simulated microscope).
     */
    static float[] blurZ(float[] v, int w, int h, int d, double sigma) {
        return GaussianKernel.along(v, GaussianKernel.weights(sigma, (int) Math.ceil(4 * sigma)), w * h, d);
    }

    private static double sq(double x) {
        return x * x;
    }
}
