package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.noise.GeneralizedAnscombe;

/**
 * Super-resolution by 2 or 4: DDNM with the average-pooling operator (Wang et al. 2023, Table 1), sampled at
 * the output size from noise, so that pooling the result gives back the input. For a noisy input (microscopy)
 * DDNM+ (section 3.3) trades exact consistency for denoising: the result is then not forced to reproduce the
 * input's noise.
 */
public final class SuperResolution extends RestorationTask {

    private final Tensor image;
    private final double noise;
    /** The variance stabilisation the sampling happens under, or null for the input's own units. */
    private final GeneralizedAnscombe transform;

    /**
     * @param image {@code [1, C, h, w]} in input units
     * @param scale 2 or 4
     * @param noise standard deviation of the input's noise as a fraction of its normalisation range (the
     *              range that maps to [-1, 1], so sigma_y = 2 noise in model units); 0 = noise-free
     * @throws IllegalArgumentException for another scale or a noise level outside [0, 1)
     */
    public SuperResolution(Tensor image, int scale, double noise, ModelSpace space) {
        this(image, checkedPool(scale), noise, space);
    }

    /**
     * Super-resolution by any block pooling, e.g. {@code new AveragePool(r, 1)}: r times as many rows (an xz slice of
     * a z-stack, rows = z, made isotropic).
     *
     * @throws IllegalArgumentException for a noise level outside [0, 1)
     */
    public SuperResolution(Tensor image, AveragePool pool, double noise, ModelSpace space) {
        super(space, pool, image.copy());
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("noise must lie in [0, 1) (a fraction of the image's range), got "
                    + noise);
        }
        this.image = image.copy();
        this.noise = noise;
        this.transform = null;
    }

    private SuperResolution(Tensor image, AveragePool pool, GeneralizedAnscombe transform, ModelSpace space) {
        super(space, pool, image.copy());
        this.image = image.copy();
        this.transform = transform;
        this.noise = 1 / (2 * space.normalization().toInputScale(1));
    }

    /**
     * Super-resolution of an input with Poisson-Gaussian noise: sampled in the generalised Anscombe domain,
     * where the noise on the observation is Gaussian with unit variance at every brightness, so DDNM+ gets the
     * right {@code sigma_y} in bright and dim parts alike; the result goes back through the transform's exact
     * unbiased inverse (Makitalo and Foi 2013). Pooling commutes with the transform only approximately (the transform
     * of a mean is not the mean of the transforms), and the input is noisy, so the result is not
     * projected onto it at the end. The stabilised slice is normalised by its own percentiles, not by those of a
     * smoothed copy as in {@link Denoising}: on the isotropic eval's thin xz slices the smoothed percentiles cost
     * 0.5-1.3 dB (nuclei / filaments at 100 photons 30.65 / 28.71 dB -> 29.88 / 27.37, with the axial PSF
     * 26.08 / 27.39 -> 25.05 / 26.84; {@code ./diffusion eval --task isotropic}, model 1.4).
     *
     * @param image          {@code [1, C, h, w]} in input units
     * @param transform      the stabilisation of the input's noise model
     * @param modelChannels  the model's channels
     * @param lowPercentile  normalisation of the stabilised image (see {@link ModelSpace#of})
     * @param highPercentile normalisation of the stabilised image
     */
    public static SuperResolution stabilised(Tensor image, AveragePool pool, GeneralizedAnscombe transform,
            int modelChannels, double lowPercentile, double highPercentile) {
        ModelSpace space = ModelSpace.of(transform.forward(image), modelChannels, lowPercentile, highPercentile);
        return new SuperResolution(image, pool, transform, space);
    }

    private static AveragePool checkedPool(int scale) {
        if (scale != 2 && scale != 4) {
            throw new IllegalArgumentException("scale must be 2 or 4, got " + scale);
        }
        return new AveragePool(scale);
    }

    public int scale() {
        return pool().factor();
    }

    private AveragePool pool() {
        return (AveragePool) operator();
    }

    @Override
    public RestorationProblem problem() {
        Tensor y = space().toModel(transform == null ? image : transform.forward(image));
        int[] shape = {1, y.channels(), image.height() * pool().factorY(), image.width() * pool().factorX()};
        return RestorationProblem.projected(shape, operator(), y, 2 * noise, null);
    }

    @Override
    public Tensor toOutput(Tensor sample) {
        Tensor out = super.toOutput(sample);
        return transform == null ? out : transform.inverse(out);
    }

    /**
     * {@code max |A x - y|} over the input's range; with a stabilisation the model space's range is in the
     * transform's units, so the input's own range (its smallest to largest value) is used instead.
     */
    @Override
    public double consistencyError(Tensor result) {
        if (transform == null) {
            return super.consistencyError(result);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : image.data()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return Tensors.maxAbsDiff(operator().apply(result), image) / (hi > lo ? hi - lo : 1);
    }

    /** The exact projection for a noise-free input; a noisy one keeps DDNM+'s denoised result. */
    @Override
    public Tensor finish(Tensor result) {
        return noise == 0 ? super.finish(result) : result;
    }
}
