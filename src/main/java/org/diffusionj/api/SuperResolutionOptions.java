package org.diffusionj.api;

/** Super-resolution options: the input's noise level for DDNM+. */
public class SuperResolutionOptions extends Options {
    /** Standard deviation of the noise in the input, as a fraction of its normalised range (0 = noise-free). */
    public double noise = 0;
}
