package org.diffusionj.engine.task;

import org.diffusionj.engine.GaussianKernel;
import org.diffusionj.engine.Tensor;

/**
 * How an input image meets the model: intensities through a {@link Normalization}, channels mapped to the
 * model's count. A one-channel image goes to a three-channel model as R = G = B and comes back as the mean
 * of the channels; an image with the model's channel count passes through.
 */
public final class ModelSpace {

    /** The Gaussians (sigma in pixels) that take the noise out of a stabilised image's percentiles, smallest first. */
    static final double[] STABILISED_SMOOTHING = {1, 1.5, 2, 2.5, 3};
    /** About how many values of a stack {@link #ofStabilised} smooths and sorts (whole planes, evenly spaced). */
    static final int MAX_SMOOTHED_VALUES = 4_000_000;

    private final Normalization normalization;
    private final int inputChannels;
    private final int modelChannels;

    /**
     * @throws IllegalArgumentException when the image's channels cannot be mapped to the model's
     */
    public ModelSpace(Normalization normalization, int inputChannels, int modelChannels) {
        if (inputChannels != modelChannels && inputChannels != 1) {
            throw new IllegalArgumentException("The model works on " + modelChannels + " channel(s); an image with "
                    + inputChannels + " channels cannot be given to it");
        }
        this.normalization = normalization;
        this.inputChannels = inputChannels;
        this.modelChannels = modelChannels;
    }

    /** Percentile normalisation of {@code image} for a model with {@code modelChannels} channels. */
    public static ModelSpace of(Tensor image, int modelChannels, double lowPercentile, double highPercentile) {
        return new ModelSpace(Normalization.of(image, lowPercentile, highPercentile), image.channels(), modelChannels);
    }

    /**
     * The normalisation of a variance-stabilised image (unit noise), from the percentiles of a smoothed copy. The
     * noisy image's own percentiles lie about 3 noise SDs beyond the signal's: at 10 photons that squeezed the
     * signal into a third of [-1, 1], a low-contrast image the prior was never trained on, whose noise it then
     * kept as texture. The copy is smoothed with the smallest Gaussian of {@link #STABILISED_SMOOTHING} whose
     * residual noise moves the percentiles by at most a tenth of the range they span (3 residual SDs on either
     * side), so that bright images, whose fine detail a wide Gaussian would flatten, are smoothed least. Measured
     * with one fixed Gaussian ({@code ./diffusion eval --task denoising}, 10 / 50 / 300 photons): noisy percentiles
     * 21.22 / 27.02 / 32.32 dB; sigma 1: 22.46 / 27.57 / 32.33; 1.5: 22.78 / 27.45 / 32.21; 2.5: 23.08 / 27.55 /
     * 31.78; this rule: 23.09 / 27.51 / 32.17. A stack of more than {@value #MAX_SMOOTHED_VALUES} values is
     * sampled by whole planes, evenly spaced.
     */
    public static ModelSpace ofStabilised(Tensor stabilised, int modelChannels, double lowPercentile,
            double highPercentile) {
        Tensor sample = everyNthItem(stabilised, (int) Math.ceil((double) stabilised.size() / MAX_SMOOTHED_VALUES));
        Normalization chosen = null;
        for (double sigma : STABILISED_SMOOTHING) {
            double[] k = GaussianKernel.weights(sigma, (int) Math.ceil(3 * sigma));
            chosen = Normalization.of(GaussianKernel.blurPlanes(sample, k), lowPercentile, highPercentile);
            if (2 * 3 * GaussianKernel.whiteNoiseGain(k) <= 0.1 * (chosen.high() - chosen.low())) {
                break;
            }
        }
        return new ModelSpace(chosen, stabilised.channels(), modelChannels);
    }

    /** Items {@code 0, n, 2n, ...} of a stack (all of it for n = 1): a large stack's percentiles from a sample. */
    private static Tensor everyNthItem(Tensor x, int n) {
        if (n <= 1) {
            return x;
        }
        int count = (x.batch() + n - 1) / n;
        int item = x.itemSize();
        float[] out = new float[count * item];
        for (int i = 0; i < count; i++) {
            System.arraycopy(x.data(), i * n * item, out, i * item, item);
        }
        return new Tensor(out, count, x.channels(), x.height(), x.width());
    }

    public Normalization normalization() {
        return normalization;
    }

    public int inputChannels() {
        return inputChannels;
    }

    public int modelChannels() {
        return modelChannels;
    }

    /** Normalised and expanded to the model's channels. */
    public Tensor toModel(Tensor image) {
        return expand(normalization.normalize(image), modelChannels);
    }

    /** Reduced to {@code channels} (1 or the model's count) and mapped back to input units. */
    public Tensor fromModel(Tensor x, int channels) {
        return normalization.denormalize(reduce(x, channels));
    }

    /** A one-channel tensor repeated {@code channels} times; a tensor that already has them is returned as is. */
    public static Tensor expand(Tensor x, int channels) {
        if (x.channels() == channels) {
            return x;
        }
        if (x.channels() != 1) {
            throw new IllegalArgumentException("Cannot expand " + x + " to " + channels + " channels");
        }
        int plane = x.height() * x.width();
        float[] out = new float[x.batch() * channels * plane];
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(x.data(), b * plane, out, (b * channels + c) * plane, plane);
            }
        }
        return new Tensor(out, x.batch(), channels, x.height(), x.width());
    }

    /** The mean over channels when {@code channels} is 1; otherwise the tensor itself. */
    static Tensor reduce(Tensor x, int channels) {
        if (x.channels() == channels) {
            return x;
        }
        if (channels != 1) {
            throw new IllegalArgumentException("Cannot reduce " + x + " to " + channels + " channels");
        }
        int plane = x.height() * x.width();
        float[] in = x.data();
        float[] out = new float[x.batch() * plane];
        for (int b = 0; b < x.batch(); b++) {
            for (int i = 0; i < plane; i++) {
                double sum = 0;
                for (int c = 0; c < x.channels(); c++) {
                    sum += in[(b * x.channels() + c) * plane + i];
                }
                out[b * plane + i] = (float) (sum / x.channels());
            }
        }
        return new Tensor(out, x.batch(), 1, x.height(), x.width());
    }
}
