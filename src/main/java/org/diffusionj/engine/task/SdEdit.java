package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * SDEdit (Meng et al. 2022, "SDEdit: Guided Image Synthesis and Editing with Stochastic Differential
 * Equations"): noise the image to the level of {@code strength} and denoise it from there, running the last
 * {@code min(int(N strength), N)} of N steps. Strength 0 (or any strength below one step) runs nothing and
 * returns the input exactly; strength 1 ignores it. With a mask only the masked pixels are re-synthesised: the others are held by the mask
 * projection during sampling and copied from the input at the end.
 */
public final class SdEdit extends RestorationTask {

    private final Tensor image;
    private final MaskOperator mask;
    private final double strength;

    /**
     * @param image    {@code [1, C, H, W]} in input units
     * @param known    {@code [1, 1, H, W]} weights, 1 = keep, 0 = re-synthesise; null for the whole image
     * @param strength in [0, 1]
     * @throws IllegalArgumentException for a strength outside [0, 1] or an empty mask
     */
    public SdEdit(Tensor image, Tensor known, double strength, ModelSpace space) {
        super(space, checked(known, strength), null);
        this.image = image.copy();
        this.mask = (MaskOperator) operator();
        this.strength = strength;
    }

    /** Strength first, then the mask (null for none). */
    private static MaskOperator checked(Tensor known, double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must lie in [0, 1], got " + strength);
        }
        if (known == null) {
            return null;
        }
        if (Masks.changeable(known) == 0) {
            throw new IllegalArgumentException("The mask is empty: select the area to re-synthesise");
        }
        return new MaskOperator(known);
    }

    @Override
    public RestorationProblem problem() {
        Tensor guide = space().toModel(image);
        return new RestorationProblem(guide.shape(), mask, mask == null ? null : mask.apply(guide), 0, guide,
                strength, null);
    }

    /** The unmasked pixels copied from the input, bit for bit. */
    @Override
    public Tensor finish(Tensor result) {
        return mask == null ? result : mask.keepKnown(result, image);
    }

    /** SDEdit below one step's worth of strength changes nothing. */
    @Override
    public Tensor unchangedResult() {
        return image.copy();
    }

    @Override
    public double consistencyError(Tensor result) {
        return mask == null ? 0 : mask.maxKnownDifference(result, image) / space().normalization().range();
    }
}
