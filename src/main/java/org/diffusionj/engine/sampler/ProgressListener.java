package org.diffusionj.engine.sampler;

import org.diffusionj.engine.Tensor;

/** Told after each model evaluation; {@code previewX0} is that evaluation's predicted clean sample. */
@FunctionalInterface
public interface ProgressListener {

    void progress(int done, int total, Tensor previewX0);
}
