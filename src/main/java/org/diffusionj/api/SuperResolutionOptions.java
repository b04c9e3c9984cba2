package org.diffusionj.api;

/** Super-resolution options: the input's noise level for DDNM+. */
public class SuperResolutionOptions extends Options {
    public static final Range NOISE = Range.number("noise", 0, 0.999);

    /** Standard deviation of the noise in the input, as a fraction of its normalised range (0 = noise-free). */
    public double noise = 0;

    @Override
    public void check() {
        super.check();
        NOISE.check(noise);
    }
}
