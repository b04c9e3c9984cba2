package org.diffusionj.eval;

import java.util.Random;

/**
 * A 16-bit-like fluorescence image of striated muscle stained for its Z-discs (alpha-actinin immunofluorescence of
 * a cardiomyocyte or a muscle fibre): myofibrils about 8-12 pixels wide run side by side in one direction with a
 * gentle wave, a dark cleft of 2-4 pixels between them, and across each a thin bright Z-disc every sarcomere (a
 * period of 14-20 pixels, about 1.8 micrometres at 100 nm pixels), the discs of neighbouring myofibrils a little
 * out of register. Optics blur the discs to about 1 pixel (a Gaussian profile); dim stain inside the myofibrils,
 * a dark ground, shot and read noise. The default model never saw sarcomeres (it was trained on nuclei, membranes,
 * puncta, phase-contrast cells and stained tissue): a periodic structure whose sharp discs bicubic interpolation
 * and a generic prior cannot know. Seeded.
 */
public final class SyntheticMuscle {
    private static final double GROUND = 90;
    private static final double READ_NOISE = 6;
    /** The Z-disc's profile along the myofibril after the optics: a Gaussian of this standard deviation (pixels). */
    private static final double DISC_SIGMA = 0.9;

    private SyntheticMuscle() {
    }

    public static FloatImage generate(int width, int height, long seed) {
        return SyntheticBlobs.recorded(SyntheticMuscle::scene, width, height, seed, READ_NOISE);
    }

    /** The same image without its camera noise: the expected value of every pixel of {@link #generate}. */
    public static FloatImage noiseFree(int width, int height, long seed) {
        return SyntheticBlobs.expected(SyntheticMuscle::scene, width, height, seed);
    }

    private static float[] scene(int width, int height, Random rnd) {
        double angle = rnd.nextDouble() * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double period = 14 + 6 * rnd.nextDouble();
        double fibril = 8 + 4 * rnd.nextDouble();
        double pitch = fibril + 2 + 2 * rnd.nextDouble();
        double waveAmplitude = 1 + 3 * rnd.nextDouble();
        double waveLength = 60 + 80 * rnd.nextDouble();
        double wavePhase = rnd.nextDouble() * 2 * Math.PI;
        double discs = 500 + 700 * rnd.nextDouble();
        double stain = 60 + 60 * rnd.nextDouble();
        // per myofibril: where its discs sit (a random walk, so neighbours are nearly in register) and how bright
        int rows = (int) Math.ceil((width + height) / pitch) + 2;
        double[] phase = new double[rows];
        double[] gain = new double[rows];
        double walk = rnd.nextDouble() * period;
        for (int r = 0; r < rows; r++) {
            walk += 0.12 * period * rnd.nextGaussian();
            phase[r] = walk;
            gain[r] = 0.7 + 0.6 * rnd.nextDouble();
        }
        double centre = (width + height) / 2.0;
        float[] v = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = x * cos + y * sin; // along the myofibrils
                double across = -x * sin + y * cos + centre + waveAmplitude * Math.sin(2 * Math.PI * u / waveLength
                        + wavePhase);
                int row = (int) Math.floor(across / pitch);
                double offset = across - (row + 0.5) * pitch; // from the myofibril's midline
                double envelope = edge(fibril / 2 - Math.abs(offset));
                int r = Math.floorMod(row, rows);
                double d = u - phase[r];
                d -= period * Math.rint(d / period); // to the nearest disc
                double disc = Math.exp(-0.5 * d * d / (DISC_SIGMA * DISC_SIGMA));
                v[y * width + x] = (float) (GROUND + envelope * (stain + discs * gain[r] * disc));
            }
        }
        return v;
    }

    /** A soft edge about one pixel wide: 0 outside, 1 inside, {@code inside} = distance into the myofibril. */
    private static double edge(double inside) {
        return 1 / (1 + Math.exp(-2.5 * inside));
    }
}
