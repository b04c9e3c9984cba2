package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * How an input image meets the model: intensities through a {@link Normalization}, channels mapped to the
 * model's count. A one-channel image goes to a three-channel model as R = G = B and comes back as the mean
 * of the channels; an image with the model's channel count passes through.
 */
public final class ModelSpace {

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
