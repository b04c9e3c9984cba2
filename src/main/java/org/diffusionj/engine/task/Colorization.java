package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Gray to RGB: DDNM with the luminance operator (Wang et al. 2023, Table 1): the model invents the chroma,
 * the projection keeps the gray value, so the mean of R, G and B of the result equals the input.
 */
public final class Colorization extends RestorationTask {

    private final Tensor gray;

    /**
     * @param gray  {@code [1, 1, H, W]} in input units
     * @param space the gray image's model space; the model must have three channels
     * @throws IllegalArgumentException for a colour input or a model without three channels
     */
    public Colorization(Tensor gray, ModelSpace space) {
        super(space, new LumaOperator(), gray.copy());
        if (gray.channels() != 1) {
            throw new IllegalArgumentException("Colorization needs a grayscale (one-channel) image, got "
                    + gray.channels() + " channels");
        }
        if (space.modelChannels() != 3) {
            throw new IllegalArgumentException("Colorization needs a three-channel (RGB) model, this one has "
                    + space.modelChannels());
        }
        this.gray = gray.copy();
    }

    @Override
    public RestorationProblem problem() {
        Tensor y = space().normalization().normalize(gray);
        return RestorationProblem.projected(new int[] {1, 3, gray.height(), gray.width()}, operator(), y, 0, null);
    }

    @Override
    public int outputChannels() {
        return 3;
    }
}
