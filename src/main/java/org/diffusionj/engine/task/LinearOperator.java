package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * A linear degradation {@code y = A x} with its pseudo-inverse {@code A+}, the pair that DDNM's range /
 * null-space decomposition needs (Wang et al. 2023, "Zero-Shot Image Restoration Using Denoising Diffusion
 * Null-Space Model", eq. 3): {@code A A+ A = A}, so {@code x - A+ (A x - y)} satisfies {@code A x = y} and
 * keeps the null-space part of {@code x}.
 *
 * <p>Both maps act on every batch item and return new tensors; their arguments are left untouched.
 */
public interface LinearOperator {

    /** The degradation {@code A x}. */
    Tensor apply(Tensor x);

    /** The pseudo-inverse {@code A+ y}, shaped like the operator's input. */
    Tensor pseudoInverse(Tensor y);
}
