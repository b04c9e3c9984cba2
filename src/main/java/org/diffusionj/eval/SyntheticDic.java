package org.diffusionj.eval;

import java.util.Random;
import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.Tensor;

/**
 * A 16-bit-like differential interference contrast (DIC, Nomarski) image of flat adherent cells. The optical path
 * difference of a few cells (smooth-edged ellipses of different thickness, each with a thicker nucleus and a few
 * granules) is blurred by the optics and differentiated along the shear direction (45 degrees), so that edges
 * facing one way are bright and the opposite ones dark on a mid-gray ground, the relief look of DIC; a little
 * absorption, shot and read noise (bright light: the relief stands tens of times above the noise). The default model never saw DIC (its brightfield class holds phase contrast and
 * plain brightfield, whose halos and shading differ), which makes it a test of fine-tuning. Seeded.
 */
public final class SyntheticDic {
    /** Brightfield light is plentiful: the ground holds about 10,000 photons (shot noise 1 %). */
    private static final double BACKGROUND = 10000;
    /** Gray values per unit of path difference per pixel along the shear (edges reach tens of % of the ground). */
    private static final double RELIEF = 20000;
    /** Gray values lost per unit of path difference (weak absorption). */
    private static final double ABSORPTION = 1000;
    private static final double OPTICS_SIGMA = 1;
    private static final double READ_NOISE = 6;

    private SyntheticDic() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        return SyntheticBlobs.recorded(SyntheticDic::scene, width, height, seed, READ_NOISE);
    }

    /** The same image without its camera noise: the expected value of every pixel of {@link #generate}. */
    public static FloatImage noiseFree(int width, int height, long seed) {
        return SyntheticBlobs.expected(SyntheticDic::scene, width, height, seed);
    }

    private static float[] scene(int width, int height, Random rnd) {
        float[] path = new float[width * height];
        int cells = Math.max(2, width * height / 2500);
        for (int c = 0; c < cells; c++) {
            double cx = rnd.nextDouble() * width;
            double cy = rnd.nextDouble() * height;
            double rx = 10 + 12 * rnd.nextDouble();
            double ry = rx * (0.5 + 0.5 * rnd.nextDouble());
            double angle = rnd.nextDouble() * Math.PI;
            double thickness = 0.6 + 0.6 * rnd.nextDouble();
            ellipse(path, width, height, cx, cy, rx, ry, angle, thickness);
            double nx = cx + 0.3 * rx * (rnd.nextDouble() - 0.5);
            double ny = cy + 0.3 * ry * (rnd.nextDouble() - 0.5);
            ellipse(path, width, height, nx, ny, 0.4 * rx, 0.4 * ry, angle + rnd.nextGaussian() * 0.3,
                    0.4 + 0.3 * rnd.nextDouble());
            int granules = 8 + rnd.nextInt(12);
            for (int g = 0; g < granules; g++) {
                double r = Math.sqrt(rnd.nextDouble()) * 0.8;
                double a = rnd.nextDouble() * 2 * Math.PI;
                double gx = cx + r * (rx * Math.cos(a) * Math.cos(angle) - ry * Math.sin(a) * Math.sin(angle));
                double gy = cy + r * (rx * Math.cos(a) * Math.sin(angle) + ry * Math.sin(a) * Math.cos(angle));
                double size = 0.8 + 0.7 * rnd.nextDouble();
                ellipse(path, width, height, gx, gy, size, size, 0, 0.15 + 0.15 * rnd.nextDouble());
            }
        }
        int reach = (int) Math.ceil(3 * OPTICS_SIGMA);
        float[] blurred = GaussianKernel.blurPlanes(new Tensor(path, 1, 1, height, width),
                GaussianKernel.weights(OPTICS_SIGMA, reach)).data();
        float[] v = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // the shear: the path difference between two beams one diagonal pixel either side
                double ahead = blurred[Math.min(height - 1, y + 1) * width + Math.min(width - 1, x + 1)];
                double behind = blurred[Math.max(0, y - 1) * width + Math.max(0, x - 1)];
                double gradient = (ahead - behind) / (2 * Math.sqrt(2));
                v[y * width + x] = (float) Math.max(1, BACKGROUND + RELIEF * gradient
                        - ABSORPTION * blurred[y * width + x]);
            }
        }
        return v;
    }

    /** Adds an ellipse of height {@code amount} with a smooth (logistic, about 1.5 px) edge. */
    private static void ellipse(float[] v, int w, int h, double cx, double cy, double rx, double ry, double angle,
            double amount) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int reach = (int) Math.ceil(Math.max(rx, ry) + 6);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double u = ((x - cx) * cos + (y - cy) * sin) / rx;
                double t = (-(x - cx) * sin + (y - cy) * cos) / ry;
                double outside = (Math.sqrt(u * u + t * t) - 1) * Math.min(rx, ry); // pixels past the edge
                v[y * w + x] += (float) (amount / (1 + Math.exp(outside / 0.75)));
            }
        }
    }
}
