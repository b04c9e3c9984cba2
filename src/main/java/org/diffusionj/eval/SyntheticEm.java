package org.diffusionj.eval;

import java.util.Random;
import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.Tensor;

/**
 * A 16-bit-like transmission electron micrograph (TEM) of a stained tissue section: cells packed edge to edge
 * (a Voronoi tessellation) whose plasma membranes are thin dark lines, mitochondria (elongated, with a dark
 * double membrane and cristae across them), vesicles (dark rings), ribosome-sized granules throughout the
 * cytoplasm and a gentle variation of section thickness. Stain scatters electrons: the recorded intensity is
 * {@code exp(-density)} of the bright ground (Beer-Lambert), blurred slightly by the optics and recorded with shot
 * and read noise at a dose where the membranes stand tens of times above the noise. The default model never saw
 * electron microscopy (its classes are fluorescence, light microscopy and stained tissue in colour), which makes it
 * a test of fine-tuning: every structure here is a thin line, ring or stripe. Seeded.
 */
public final class SyntheticEm {
    /** Electrons per pixel through the empty section. */
    private static final double BACKGROUND = 4000;
    private static final double OPTICS_SIGMA = 0.7;
    private static final double READ_NOISE = 6;
    private static final double MEMBRANE_DENSITY = 0.9;
    /** Half-width (Gaussian SD, pixels) of a membrane's stain. */
    private static final double MEMBRANE_SD = 0.7;

    private SyntheticEm() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        return SyntheticBlobs.recorded(SyntheticEm::scene, width, height, seed, READ_NOISE);
    }

    /** The same image without its camera noise: the expected value of every pixel of {@link #generate}. */
    public static FloatImage noiseFree(int width, int height, long seed) {
        return SyntheticBlobs.expected(SyntheticEm::scene, width, height, seed);
    }

    private static float[] scene(int width, int height, Random rnd) {
        float[] density = new float[width * height];
        cellMembranes(density, width, height, rnd);
        int mitochondria = 1 + rnd.nextInt(3) + width * height / 12000;
        for (int m = 0; m < mitochondria; m++) {
            mitochondrion(density, width, height, rnd);
        }
        int vesicles = 6 + rnd.nextInt(8) + width * height / 2500;
        for (int v = 0; v < vesicles; v++) {
            double r = 1.8 + 1.8 * rnd.nextDouble();
            ring(density, width, height, rnd.nextDouble() * width, rnd.nextDouble() * height, r, r, 0, 0.7,
                    0.15 * rnd.nextDouble());
        }
        int granules = width * height / 25;
        for (int g = 0; g < granules; g++) {
            dot(density, width, height, rnd.nextDouble() * width, rnd.nextDouble() * height, 0.6,
                    0.15 + 0.25 * rnd.nextDouble());
        }
        // section thickness: a gentle tilt of the whole density (plus or minus 15 %)
        double tx = (rnd.nextDouble() - 0.5) * 0.3 / width;
        double ty = (rnd.nextDouble() - 0.5) * 0.3 / height;
        float[] v = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 0.15 + tx * (x - width / 2.0) + ty * (y - height / 2.0);
                v[y * width + x] = (float) (BACKGROUND * Math.exp(-(base + density[y * width + x])));
            }
        }
        int reach = (int) Math.ceil(3 * OPTICS_SIGMA);
        return GaussianKernel.blurPlanes(new Tensor(v, 1, 1, height, width),
                GaussianKernel.weights(OPTICS_SIGMA, reach)).data();
    }

    /** Dark lines where two cells meet: the bisectors of a Voronoi tessellation of a few random centres. */
    private static void cellMembranes(float[] d, int w, int h, Random rnd) {
        int cells = 4 + rnd.nextInt(4) + w * h / 3000;
        double[] cx = new double[cells];
        double[] cy = new double[cells];
        for (int c = 0; c < cells; c++) {
            cx[c] = rnd.nextDouble() * w;
            cy[c] = rnd.nextDouble() * h;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // the distance to the bisector of the two nearest centres: (d2^2 - d1^2) / (2 |c1 - c2|), exact
                double first = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                int a = -1;
                int b = -1;
                for (int c = 0; c < cells; c++) {
                    double dist = Math.hypot(x - cx[c], y - cy[c]);
                    if (dist < first) {
                        second = first;
                        b = a;
                        first = dist;
                        a = c;
                    } else if (dist < second) {
                        second = dist;
                        b = c;
                    }
                }
                double off = (second * second - first * first) / (2 * Math.hypot(cx[a] - cx[b], cy[a] - cy[b]));
                d[y * w + x] += (float) (MEMBRANE_DENSITY * Math.exp(-0.5 * off * off / (MEMBRANE_SD * MEMBRANE_SD)));
            }
        }
    }

    /** An elongated mitochondrion: a slightly dense matrix, a dark outline and cristae across its long axis. */
    private static void mitochondrion(float[] d, int w, int h, Random rnd) {
        double cx = rnd.nextDouble() * w;
        double cy = rnd.nextDouble() * h;
        double rx = 7 + 7 * rnd.nextDouble();
        double ry = 3 + 2 * rnd.nextDouble();
        double angle = rnd.nextDouble() * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double spacing = 2.5 + 1.5 * rnd.nextDouble();
        double phase = rnd.nextDouble() * spacing;
        ring(d, w, h, cx, cy, rx, ry, angle, 0.8, 0.3);
        int reach = (int) Math.ceil(rx + 2);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double u = (x - cx) * cos + (y - cy) * sin;
                double t = -(x - cx) * sin + (y - cy) * cos;
                double r = Math.hypot(u / rx, t / ry);
                if (r < 0.85) {
                    // a crista: a thin dark stripe across the short axis, every few pixels along the long one
                    double k = (u + phase) / spacing;
                    double off = (k - Math.rint(k)) * spacing;
                    d[y * w + x] += (float) (0.5 * Math.exp(-0.5 * off * off / 0.36) * Math.min(1, 4 * (0.85 - r)));
                }
            }
        }
    }

    /**
     * A dark ring (a membrane-bound organelle seen in section) of radii {@code rx, ry} and density {@code edge},
     * filled with {@code inside}.
     */
    private static void ring(float[] d, int w, int h, double cx, double cy, double rx, double ry, double angle,
            double edge, double inside) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int reach = (int) Math.ceil(Math.max(rx, ry) + 3);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double u = ((x - cx) * cos + (y - cy) * sin) / rx;
                double t = (-(x - cx) * sin + (y - cy) * cos) / ry;
                double off = (Math.hypot(u, t) - 1) * Math.min(rx, ry); // pixels from the outline
                d[y * w + x] += (float) (edge * Math.exp(-0.5 * off * off / (MEMBRANE_SD * MEMBRANE_SD))
                        + inside / (1 + Math.exp(off / 0.5)));
            }
        }
    }

    private static void dot(float[] d, int w, int h, double cx, double cy, double sd, double amount) {
        int reach = (int) Math.ceil(3 * sd);
        for (int y = Math.max(0, (int) cy - reach); y < Math.min(h, (int) cy + reach + 1); y++) {
            for (int x = Math.max(0, (int) cx - reach); x < Math.min(w, (int) cx + reach + 1); x++) {
                double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                d[y * w + x] += (float) (amount * Math.exp(-0.5 * r2 / (sd * sd)));
            }
        }
    }
}
