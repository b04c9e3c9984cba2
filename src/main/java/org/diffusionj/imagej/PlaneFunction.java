package org.diffusionj.imagej;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Progress;
import org.diffusionj.api.Result;

/** The work done on one plane: a task bound to an engine and its settings. */
@FunctionalInterface
public interface PlaneFunction {
    /**
     * Processes {@code plane} ((x, y) or (x, y, 3), image units) under {@code mask} ((x, y), or null for the
     * whole plane).
     */
    Result apply(RandomAccessibleInterval<FloatType> plane, RandomAccessibleInterval<FloatType> mask, Progress progress);
}
