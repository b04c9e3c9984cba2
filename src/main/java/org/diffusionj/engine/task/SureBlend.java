package org.diffusionj.engine.task;

import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;

/**
 * The denoised image chosen without the truth: the diffusion estimate blended with a Gaussian blur of the noisy
 * image, the blur's width and the blend's weight picked by Stein's unbiased risk estimate (Stein 1981). For an
 * observation {@code y = x + n}, {@code n ~ N(0, sigma^2)} per pixel, and an estimate {@code h(y)},
 * {@code SURE = |h - y|^2 / N - sigma^2 + 2 sigma^2 div h / N} is an unbiased estimate of the mean squared
 * error {@code |h - x|^2 / N}. A blur is linear, so its divergence is the trace of its matrix; the diffusion
 * estimate's is measured by Monte-Carlo SURE (Ramani, Blu and Unser 2008): {@code b . (f(y + eps b) - f(y)) / eps}
 * with one standard normal probe {@code b}, so the estimate is run twice, the second time on the probed input.
 * The blend {@code w f + (1 - w) g} is quadratic in {@code w}, so the best weight for each blur is closed-form.
 *
 * <p>Why: on smooth images (synthetic blobs, brightfield) at low light the draws paint texture that is not
 * there, and a blur whose width was chosen with the truth beat their mean by up to 4 dB; on textured images the
 * draws win. The risk estimate picks, from the noisy image alone, whichever of the two (or which blend of them)
 * has the lower error. It needs Gaussian noise of a known, uniform SD: here the variance-stabilised image in the
 * model's units, where that holds approximately (less well below a few photons, where the stabilised variance
 * falls under 1 and the estimate leans towards the blur).
 */
public final class SureBlend {

    /**
     * The blurs the blend chooses from: Gaussian SDs in pixels, those the eval's oracle blur chooses from. Up to 3
     * px before: at 10 photons the brightfield cell's best blur is 4 px wide (`./diffusion eval --task denoising`:
     * +0.14 dB at 10 photons, +0.03 at 50, the same at 300).
     */
    static final double[] BLUR_SIGMAS = {0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4};

    private SureBlend() {
    }

    /**
     * The chosen blend.
     *
     * @param estimate      the blended image, shaped like the observation
     * @param blurSigma     the chosen blur's SD in pixels (0 when no blend beats the diffusion estimate alone)
     * @param weight        the diffusion estimate's weight in [0, 1]
     * @param risk          the blend's estimated mean squared error (the observation's units squared)
     * @param diffusionRisk the diffusion estimate's own estimated mean squared error
     * @param blurRisk      the chosen blur's own estimated mean squared error (NaN without one)
     */
    public record Choice(Tensor estimate, double blurSigma, double weight, double risk, double diffusionRisk,
            double blurRisk) {
    }

    /**
     * @param y         the noisy observation {@code [B, C, H, W]}
     * @param f         the diffusion estimate from {@code y}
     * @param probed    the same estimator (same seeds) run on {@code y + eps * probe}
     * @param probe     the standard normal probe {@code b}
     * @param eps       the probe's size
     * @param sigma     the noise SD on {@code y}
     * @param changing  per-pixel weights {@code [B, 1, H, W]}, 1 where the estimate may change (the sums run over
     *                  these pixels), or null for every pixel
     */
    public static Choice choose(Tensor y, Tensor f, Tensor probed, Tensor probe, double eps, double sigma,
            Tensor changing) {
        double[] w = pixelWeights(y, changing);
        double count = 0;
        double divergenceF = 0;
        for (int i = 0; i < w.length; i++) {
            count += w[i];
            divergenceF += w[i] * probe.data()[i] * (probed.data()[i] - f.data()[i]) / eps;
        }
        if (count == 0) {
            throw new IllegalArgumentException("No pixel may change");
        }
        double s2 = sigma * sigma;
        double riskF = risk(f, y, w, count, s2, divergenceF);
        Choice best = new Choice(f, 0, 1, riskF, riskF, Double.NaN);
        for (double blurSigma : BLUR_SIGMAS) {
            double[] k = kernel(blurSigma);
            Tensor g = GaussianKernel.blurPlanes(y, k);
            double divergenceG = blurDivergence(k, y, w);
            double riskG = risk(g, y, w, count, s2, divergenceG);
            // SURE(w f + (1 - w) g) = a w^2 + 2 b w + c over the weighted pixels
            double a = 0;
            double b = 0;
            for (int i = 0; i < w.length; i++) {
                double d = f.data()[i] - g.data()[i];
                a += w[i] * d * d;
                b += w[i] * d * (g.data()[i] - y.data()[i]);
            }
            a /= count;
            b = b / count + s2 * (divergenceF - divergenceG) / count;
            double weight = a > 0 ? Math.max(0, Math.min(1, -b / a)) : 1;
            double risk = riskG + a * weight * weight + 2 * b * weight;
            if (risk < best.risk()) {
                best = new Choice(Tensors.axpby(weight, f, 1 - weight, g), blurSigma, weight, risk, riskF, riskG);
            }
        }
        return best;
    }

    /** The estimated mean squared error of the Gaussian blur of SD {@code blurSigma} pixels (no mask). */
    static double blurRisk(Tensor y, double blurSigma, double sigma) {
        double[] w = pixelWeights(y, null);
        double[] k = kernel(blurSigma);
        return risk(GaussianKernel.blurPlanes(y, k), y, w, w.length, sigma * sigma, blurDivergence(k, y, w));
    }

    static double[] kernel(double blurSigma) {
        return GaussianKernel.weights(blurSigma, (int) Math.ceil(3 * blurSigma));
    }

    /** {@code |h - y|^2 / N - sigma^2 + 2 sigma^2 div h / N} over the weighted pixels. */
    private static double risk(Tensor h, Tensor y, double[] w, double count, double s2, double divergence) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            double d = h.data()[i] - y.data()[i];
            sum += w[i] * d * d;
        }
        return sum / count - s2 + 2 * s2 * divergence / count;
    }

    /**
     * The weighted trace of the clamped-edge separable blur: at each pixel {@code dg_i / dy_i} is the product over x
     * and y of the kernel weights that land on the pixel itself (more than the centre weight at the edges, where
     * clamping folds the kernel back).
     */
    private static double blurDivergence(double[] k, Tensor y, double[] w) {
        double[] dx = selfWeights(k, y.width());
        double[] dy = selfWeights(k, y.height());
        int plane = y.width() * y.height();
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            int p = i % plane;
            sum += w[i] * dx[p % y.width()] * dy[p / y.width()];
        }
        return sum;
    }

    /** Per position along an axis of {@code length}: the weight of the 1D clamped convolution on itself. */
    static double[] selfWeights(double[] k, int length) {
        int r = k.length / 2;
        double[] out = new double[length];
        for (int pos = 0; pos < length; pos++) {
            for (int j = -r; j <= r; j++) {
                if (Math.max(0, Math.min(length - 1, pos + j)) == pos) {
                    out[pos] += k[j + r];
                }
            }
        }
        return out;
    }

    /** The mask's weights repeated over the channels, or 1 everywhere. */
    private static double[] pixelWeights(Tensor y, Tensor changing) {
        double[] w = new double[y.size()];
        int plane = y.width() * y.height();
        for (int i = 0; i < w.length; i++) {
            w[i] = changing == null ? 1
                    : changing.data()[((i / (plane * y.channels())) * plane + i % plane) % changing.size()];
        }
        return w;
    }
}
