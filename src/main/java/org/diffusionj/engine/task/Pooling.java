package org.diffusionj.engine.task;

/**
 * A degradation that makes an image {@code factorY} times shorter and {@code factorX} times narrower: what
 * super-resolution inverts (average pooling, or a z-stack's axial blur and thick slices).
 */
public interface Pooling extends LinearOperator {

    int factorY();

    int factorX();
}
