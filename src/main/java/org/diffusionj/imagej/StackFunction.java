package org.diffusionj.imagej;

import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Progress;
import org.diffusionj.api.Result;

/** The work done on the slices of one z-stack together ({@code z=consistent}): a task bound to an engine. */
@FunctionalInterface
public interface StackFunction {
    /** Processes {@code slices} (each as a {@link PlaneFunction} plane, in z order); one result per slice. */
    List<Result> apply(List<RandomAccessibleInterval<FloatType>> slices, RandomAccessibleInterval<FloatType> mask,
            Progress progress);
}
