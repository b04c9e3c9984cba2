package org.diffusionj.api;

/**
 * Isotropic reconstruction options: super-resolution's, plus a Poisson-Gaussian noise model for a noisy stack.
 * With {@code denoise} the slices are reconstructed in the generalised Anscombe domain, where the thick slices'
 * noise is Gaussian with unit variance at every brightness, and DDNM+ is given that level: the result is denoised
 * as well as made isotropic, and z-pooling it no longer reproduces the input's noise. The model is {@code
 * variance = gain (mean - offset) + sigma^2} in the stack's units, as for {@link DenoiseOptions}: estimated from
 * the stack's own slices (Foi et al. 2008) unless {@code gain} or {@code sigma} is given (gain 0: Gaussian noise
 * alone).
 */
public class IsotropicOptions extends SuperResolutionOptions {

    /** Reconstruct under the Poisson-Gaussian noise model (false = the input is taken as noise-free, or {@code noise}). */
    public boolean denoise = false;
    /** Image units per detected photon; 0 with {@code sigma} 0 = estimate gain and read noise from the stack. */
    public double gain = 0;
    /** The camera's offset (see {@link DenoiseOptions#offset}). */
    public double offset = 0;
    /** The Gaussian read noise in image units; with a gain of 0, Gaussian noise alone of this SD. */
    public double sigma = 0;

    @Override
    public void check() {
        super.check();
        DenoiseOptions.GAIN.check(gain);
        DenoiseOptions.SIGMA.check(sigma);
        DenoiseOptions.OFFSET.check(offset);
        if (denoise && noise > 0) {
            throw new IllegalArgumentException("Give either denoise (a Poisson-Gaussian noise model) or noise (one"
                    + " Gaussian level), not both");
        }
        if (!denoise && (gain > 0 || sigma > 0 || offset != 0)) {
            throw new IllegalArgumentException("gain, offset and sigma are the camera's noise model for denoise: set"
                    + " denoise too (sigma is the camera's read noise)");
        }
    }
}
