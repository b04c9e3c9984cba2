package org.diffusionj.engine.task;

import java.util.Map;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.sampler.ResamplingPlan;

/**
 * Fills the unknown pixels of an image: DDNM with the mask operator (Wang et al. 2023, Table 1), optionally
 * with RePaint's resampling jumps (Lugmayr et al. 2022, section 4.2) for a better fit at the border. The
 * known pixels (weight 1) are copied from the input at the end, so they come back bit for bit; feathered
 * pixels blend the input and the fill.
 *
 * <p>Two choices serve thin defects (dead lines, scratches, spots), where the smooth {@link HarmonicFill} is
 * already close and a small prior's invented texture costs fidelity:
 * <ul>
 * <li>{@code start} below 1 starts sampling from the harmonic fill noised to that level instead of from pure
 * noise, running only the last fraction of the steps ("come closer, diffuse faster", Chung, Sim and Ye, CVPR
 * 2022): faster, and the coarse structure comes from the neighbours. At {@code start} 0 the result is the
 * harmonic fill.
 * <li>{@code blend}: with several draws, their mean is weighed against the harmonic fill by inverse variance
 * ({@link InverseVarianceBlend}); the weight is reported as the {@code fillWeight} metric.
 * </ul>
 */
public final class Inpainting extends RestorationTask {

    private final Tensor image;
    private final MaskOperator mask;
    private final boolean[] hole;
    private final ResamplingPlan resampling;
    private final double start;
    private final boolean blend;
    private Tensor fill;

    /** Plain DDNM: sampling from noise, the draws' mean returned as it is. */
    public Inpainting(Tensor image, Tensor known, ModelSpace space, ResamplingPlan resampling) {
        this(image, known, space, resampling, 1, false);
    }

    /**
     * @param image      {@code [1, C, H, W]} in input units
     * @param known      {@code [1, 1, H, W]} weights, 1 = keep, 0 = fill (see {@link Masks#knownWeights})
     * @param space      the image's model space
     * @param resampling RePaint's jumps, the final jump, or {@link ResamplingPlan#none()}
     * @param start      the noise level to start from as a fraction of the steps, in [0, 1]: 1 = pure noise,
     *                   lower = the harmonic fill noised to that level
     * @param blend      whether several draws' mean is weighed against the harmonic fill
     * @throws IllegalArgumentException for an empty mask, one that leaves nothing known, or a start outside [0, 1]
     */
    public Inpainting(Tensor image, Tensor known, ModelSpace space, ResamplingPlan resampling, double start,
            boolean blend) {
        super(space, checked(known), null);
        if (!(start >= 0 && start <= 1)) {
            throw new IllegalArgumentException("start must lie in [0, 1] (1 = from noise), got " + start);
        }
        this.image = image.copy();
        this.mask = (MaskOperator) operator();
        this.hole = Masks.changeablePixels(known);
        this.resampling = resampling;
        this.start = start;
        this.blend = blend;
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

    /** The harmonic fill of the input over the unknown pixels, in input units (computed once). */
    private synchronized Tensor fill() {
        if (fill == null) {
            fill = HarmonicFill.fill(image, hole).image();
        }
        return fill;
    }

    @Override
    public RestorationProblem problem() {
        Tensor x = space().toModel(image);
        if (start == 1) {
            return RestorationProblem.projected(x.shape(), mask, mask.apply(x), 0, resampling);
        }
        return new RestorationProblem(x.shape(), mask, mask.apply(x), 0, space().toModel(fill()), start,
                resampling);
    }

    /** The known pixels copied from the input, bit for bit. */
    @Override
    public Tensor finish(Tensor result) {
        return mask.keepKnown(result, image);
    }

    /** With blending and several draws, the mean weighed against the harmonic fill (composited alike). */
    @Override
    public Tensor estimate(Tensor mean, Tensor stdDev, int samples, Map<String, Double> metrics) {
        if (!blend || samples < 2) {
            return mean;
        }
        InverseVarianceBlend.Blend b = InverseVarianceBlend.combine(image, mask.known(), finish(fill()), mean, stdDev,
                samples);
        if (Double.isFinite(b.fillWeight())) {
            metrics.put("fillWeight", b.fillWeight());
        }
        return b.image();
    }

    /** A start below one step: the harmonic fill itself. */
    @Override
    public Tensor unchangedResult() {
        return finish(fill());
    }

    @Override
    public double consistencyError(Tensor result) {
        return mask.maxKnownDifference(result, image) / space().normalization().range();
    }
}
