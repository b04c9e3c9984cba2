package org.diffusionj.api;

/** Inpainting options: mask grow / feather in pixels, RePaint resampling. */
public class InpaintOptions extends Options {
    /** Pixels added around the mask before filling. */
    public int grow = 0;
    /** Width in pixels of the soft transition at the mask border. */
    public int feather = 0;
    /** RePaint jump length in steps (0 = no resampling). */
    public int jumpLength = 0;
    /** RePaint: how many times each jump is repeated. */
    public int jumpRepeats = 1;
}
