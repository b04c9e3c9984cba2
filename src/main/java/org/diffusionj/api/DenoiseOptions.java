package org.diffusionj.api;

/**
 * Denoising options: the Poisson-Gaussian noise model, {@code variance = gain (mean - offset) + sigma^2} in
 * the image's units, estimated from the image itself (Foi et al. 2008) unless {@code gain} or {@code sigma} is
 * given. A gain of zero is Gaussian noise alone.
 */
public class DenoiseOptions extends Options {
    public static final Range GAIN = Range.number("gain", 0, 1e9);
    public static final Range SIGMA = Range.number("sigma", 0, 1e9);
    public static final Range OFFSET = Range.number("offset", -1e9, 1e9);

    /**
     * Image units per detected photon (the camera's gain); 0 with {@code sigma} 0 = estimate gain and read noise from
     * the image, 0 with a {@code sigma} = Gaussian noise alone.
     */
    public double gain = 0;
    /**
     * The value of a pixel that received no light (the camera's offset). With a given gain, part of the model; when
     * the gain is estimated, a nonzero offset tells the read noise apart from it (the variance alone cannot), and 0
     * means unknown: the fitted line is then kept as it is (an equivalent model with zero read noise when its
     * intercept is negative).
     */
    public double offset = 0;
    /** The Gaussian read noise in image units; with a gain of 0, Gaussian noise alone of this SD. */
    public double sigma = 0;
    /**
     * With {@code samples} above 1: blend the draws' mean with a Gaussian blur of the input, the blur's width and
     * the weight chosen by Stein's unbiased risk estimate from the noisy image alone ({@code SureBlend}); the
     * estimate runs twice for it ({@code zConsistent} stacks: one blur and weight for the whole stack). False
     * returns the plain mean, and so do selections of fewer than 32 x 32 pixels (a stack's: over all its slices). The
     * SD image stays the draws' own spread.
     */
    public boolean blend = true;

    /**
     * Four draws by default: their mean, blended with a blur by {@link #blend}, is the denoised image (one draw keeps
     * part of the noise as texture: on a 128-pixel nuclei crop 1.2 dB lower at 10 photons, 0.2 dB at 300), and their
     * spread is the SD map. The reverse process starts late in the schedule, so four draws cost little.
     */
    public DenoiseOptions() {
        samples = 4;
    }

    @Override
    public void check() {
        super.check();
        GAIN.check(gain);
        SIGMA.check(sigma);
        OFFSET.check(offset);
    }
}
