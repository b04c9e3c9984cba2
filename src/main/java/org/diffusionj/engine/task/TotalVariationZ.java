package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.sampler.PredictionHook;

/**
 * Couples the slices of a z-stack sampled as one batch {@code [Z, C, H, W]}: every predicted clean image
 * {@code x0} is replaced by the proximal point of a total variation along z,
 * <pre>
 *   x0' = prox_{lambda TV_z}(x0) = argmin_u  1/2 ||u - x0||^2 + lambda sum_z |u[z+1] - u[z]|
 * </pre>
 * solved exactly and independently for every pixel and channel (the batch axis is z; no wrap-around: the
 * first and last slices have one neighbour). DiffusionMBIR (Chung, Lee, Ye, "Solving 3D Inverse Problems using
 * Pre-trained 2D Diffusion Models", CVPR 2023) adds this prior to 2D slice-wise diffusion and solves its
 * sub-problem with one ADMM iteration per sampling step; with the data term left to the projection that
 * follows (the {@link NullSpaceProjection}, applied after this hook), that sub-problem is exactly the TV prox,
 * which has a direct solution in 1D: Condat's taut-string algorithm (L. Condat, "A Direct Algorithm for 1-D Total
 * Variation Denoising", IEEE Signal Processing Letters 20(11), 2013), O(Z) per pixel in the usual case.
 *
 * <p>The weight {@code lambda} is in model units (the image's normalised range [-1, 1]) and fixed over the
 * steps. It flattens slice-to-slice differences below about {@code 2 lambda}: an isolated one-slice
 * deviation of height h shrinks by {@code 2 lambda} (by {@code lambda} at an end slice), a step between two
 * runs of n1 and n2 slices by {@code lambda (1/n1 + 1/n2)}. The mean along z of every pixel is kept. lambda 0
 * leaves x0 as it is.
 */
public final class TotalVariationZ implements PredictionHook {

    private final double lambda;

    /**
     * @param lambda the TV weight in model units, {@code >= 0}
     * @throws IllegalArgumentException for a negative or non-finite weight
     */
    public TotalVariationZ(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("The z weight must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public Prediction apply(Prediction p, int k, Tensor x) {
        return p.withX0(prox(p.x0(), lambda));
    }

    /**
     * The TV prox along the batch axis (z) of {@code x}, per pixel and channel, as a new tensor.
     */
    public static Tensor prox(Tensor x, double lambda) {
        int z = x.batch();
        if (z < 2 || lambda == 0) {
            return x.copy();
        }
        int item = x.itemSize();
        float[] in = x.data();
        float[] out = new float[in.length];
        double[] line = new double[z];
        double[] solved = new double[z];
        for (int i = 0; i < item; i++) {
            for (int s = 0; s < z; s++) {
                line[s] = in[s * item + i];
            }
            denoise(line, solved, lambda);
            for (int s = 0; s < z; s++) {
                out[s * item + i] = (float) solved[s];
            }
        }
        return new Tensor(out, z, x.channels(), x.height(), x.width());
    }

    /**
     * Condat's direct algorithm (2013, the published C listing): {@code output = argmin_u 1/2 ||u - input||^2 +
     * lambda sum |u[k+1] - u[k]|}. Works on the segments of the taut string, each extended while its value
     * stays within the bounds {@code vmin, vmax} that the residuals {@code umin, umax} allow.
     */
    static void denoise(double[] input, double[] output, double lambda) {
        int n = input.length;
        if (n == 0) {
            return;
        }
        int k = 0;
        int k0 = 0;
        int kplus = 0;
        int kminus = 0;
        double umin = lambda;
        double umax = -lambda;
        double vmin = input[0] - lambda;
        double vmax = input[0] + lambda;
        double twolambda = 2 * lambda;
        double minlambda = -lambda;
        for (;;) {
            while (k == n - 1) {
                if (umin < 0) {
                    do {
                        output[k0++] = vmin;
                    } while (k0 <= kminus);
                    k = k0;
                    kminus = k0;
                    vmin = input[k0];
                    umin = lambda;
                    umax = vmin + umin - vmax;
                } else if (umax > 0) {
                    do {
                        output[k0++] = vmax;
                    } while (k0 <= kplus);
                    k = k0;
                    kplus = k0;
                    vmax = input[k0];
                    umax = minlambda;
                    umin = vmax + umax - vmin;
                } else {
                    vmin += umin / (k - k0 + 1);
                    do {
                        output[k0++] = vmin;
                    } while (k0 <= k);
                    return;
                }
            }
            umin += input[k + 1] - vmin;
            if (umin < minlambda) {
                do {
                    output[k0++] = vmin;
                } while (k0 <= kminus);
                k = k0;
                kminus = k0;
                kplus = k0;
                vmin = input[k0];
                vmax = vmin + twolambda;
                umin = lambda;
                umax = minlambda;
                continue;
            }
            umax += input[k + 1] - vmax;
            if (umax > lambda) {
                do {
                    output[k0++] = vmax;
                } while (k0 <= kplus);
                k = k0;
                kminus = k0;
                kplus = k0;
                vmax = input[k0];
                vmin = vmax - twolambda;
                umin = lambda;
                umax = minlambda;
            } else {
                k++;
                if (umin >= lambda) {
                    kminus = k;
                    vmin += (umin - lambda) / (kminus - k0 + 1);
                    umin = lambda;
                }
                if (umax <= minlambda) {
                    kplus = k;
                    vmax += (umax + lambda) / (kplus - k0 + 1);
                    umax = minlambda;
                }
            }
        }
    }
}
