package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.schedule.Timesteps;

/**
 * SDEdit (Meng et al. 2022, "SDEdit: Guided Image Synthesis and Editing with Stochastic Differential
 * Equations"): noise the image to the level of {@code strength} and denoise it from there, running the last
 * {@code min(int(N strength), N)} of N steps. Strength 0 runs nothing and returns the input exactly; strength
 * 1 ignores it. With a mask only the masked pixels are re-synthesised: the others are held by the mask
 * projection during sampling and copied from the input at the end.
 */
public final class SdEdit extends RestorationTask {

    private final Tensor image;
    private final MaskOperator mask;
    private final double strength;
    private final boolean unchanged;

    /**
     * @param image    {@code [1, C, H, W]} in input units
     * @param known    {@code [1, 1, H, W]} weights, 1 = keep, 0 = re-synthesise; null for the whole image
     * @param strength in [0, 1]
     * @param steps    the step count of the full schedule (to know whether any step runs)
     * @throws IllegalArgumentException for a strength outside [0, 1] or an empty mask
     */
    public SdEdit(Tensor image, Tensor known, double strength, int steps, ModelSpace space) {
        super(space, checked(known, strength, steps), null);
        this.unchanged = Timesteps.keptSteps(steps, strength) == 0;
        this.image = image.copy();
        this.mask = (MaskOperator) operator();
        this.strength = strength;
    }

    /** Strength first, then the mask (null for none). */
    private static MaskOperator checked(Tensor known, double strength, int steps) {
        Timesteps.keptSteps(steps, strength);
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

    /** The input itself when no step runs; otherwise the unmasked pixels copied from the input. */
    @Override
    public Tensor finish(Tensor result) {
        if (unchanged) {
            return image.copy();
        }
        return mask == null ? result : mask.keepKnown(result, image);
    }

    @Override
    public double consistencyError(Tensor result) {
        if (unchanged) {
            return Tensors.maxAbsDiff(result, image) / space().normalization().range();
        }
        return mask == null ? 0 : mask.maxKnownDifference(result, image) / space().normalization().range();
    }
}
