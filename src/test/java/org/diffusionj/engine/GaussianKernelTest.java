package org.diffusionj.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianKernelTest {

    @Test
    void whiteNoiseGainIsTheSdOfBlurredUnitNoise() {
        int w = 256;
        int h = 256;
        float[] v = new float[2 * w * h];
        new GaussianNoise(3).fill(v);
        for (double sigma : new double[] {1, 2.5}) {
            double[] k = GaussianKernel.weights(sigma, (int) Math.ceil(3 * sigma));
            Tensor blurred = GaussianKernel.blurPlanes(new Tensor(v, 2, 1, h, w), k);
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int p = 0; p < 2; p++) { // away from the clamped edges
                for (int y = 10; y < h - 10; y++) {
                    for (int x = 10; x < w - 10; x++) {
                        double b = blurred.data()[p * w * h + y * w + x];
                        sum += b;
                        sq += b * b;
                        n++;
                    }
                }
            }
            double sd = Math.sqrt(sq / n - (sum / n) * (sum / n));
            assertEquals(GaussianKernel.whiteNoiseGain(k), sd, 0.05 * sd, "sigma " + sigma);
            assertEquals(1 / (2 * Math.sqrt(Math.PI) * sigma), sd, 0.08 * sd, "the continuous Gaussian's gain");
        }
    }

    @Test
    void alongAnAxisKeepsAConstantAndClampsItsEdges() {
        double[] k = GaussianKernel.weights(1, 3);
        float[] constant = new float[5 * 4 * 3];
        Arrays.fill(constant, 7);
        for (float b : GaussianKernel.along(constant, k, 5 * 4, 3)) {
            assertEquals(7, b, 1e-5);
        }
        // a step along y: clamped edges keep the two flat ends flat, the middle is the kernel's cumulative sum
        int w = 3;
        int h = 9;
        float[] step = new float[w * h];
        for (int i = w * (h / 2); i < step.length; i++) {
            step[i] = 1;
        }
        float[] b = GaussianKernel.along(step, k, w, h);
        assertEquals(0, b[0], 1e-6);
        assertEquals(1, b[step.length - 1], 1e-6);
        assertEquals(k[3] + k[4] + k[5] + k[6], b[w * (h / 2) + 1], 1e-6);
    }
}
