package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.sampler.ResamplingPlan;

/**
 * Fills the unknown pixels of an image: DDNM with the mask operator (Wang et al. 2023, Table 1), optionally
 * with RePaint's resampling jumps (Lugmayr et al. 2022, section 4.2) for a better fit at the border. The
 * known pixels (weight 1) are copied from the input at the end, so they come back bit for bit; feathered
 * pixels blend the input and the fill.
 */
public final class Inpainting extends RestorationTask {

    private final Tensor image;
    private final MaskOperator mask;
    private final ResamplingPlan resampling;

    /**
     * @param image      {@code [1, C, H, W]} in input units
     * @param known      {@code [1, 1, H, W]} weights, 1 = keep, 0 = fill (see {@link Masks#knownWeights})
     * @param space      the image's model space
     * @param resampling RePaint's jumps, or {@link ResamplingPlan#none()}
     * @throws IllegalArgumentException for an empty mask or one that leaves nothing known
     */
    public Inpainting(Tensor image, Tensor known, ModelSpace space, ResamplingPlan resampling) {
        super(space, checked(known), null);
        this.image = image.copy();
        this.mask = (MaskOperator) operator();
        this.resampling = resampling;
    }

    private static MaskOperator checked(Tensor known) {
        int changeable = Masks.changeable(known);
        if (changeable == 0) {
            throw new IllegalArgumentException("The mask is empty: select the area to fill");
        }
        if (changeable == known.size()) {
            throw new IllegalArgumentException("The mask covers the whole image: nothing is left to guide the"
                    + " fill; select a smaller area (or grow it less)");
        }
        return new MaskOperator(known);
    }

    @Override
    public RestorationProblem problem() {
        Tensor x = space().toModel(image);
        return RestorationProblem.projected(x.shape(), mask, mask.apply(x), 0, resampling);
    }

    /** The known pixels copied from the input, bit for bit. */
    @Override
    public Tensor finish(Tensor result) {
        return mask.keepKnown(result, image);
    }

    @Override
    public double consistencyError(Tensor result) {
        return mask.maxKnownDifference(result, image) / space().normalization().range();
    }
}
