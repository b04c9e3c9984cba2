package org.diffusionj.api;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.ModelManifest;

/**
 * A model opened on a device, running the restoration and editing tasks.
 *
 * <p>Images are ImgLib2 intervals in the image's own intensity units with dimensions (x, y) for one
 * channel or (x, y, c) with c = 1 or 3. Results keep the input's channel count (a grayscale input runs
 * through the model as R = G = B and comes back as one channel), except colorization (three channels).
 * Masks are (x, y), 1 where the task may change pixels, 0 where it must keep them. The inputs are never
 * modified. Not thread-safe: one engine per thread.
 */
public final class DiffusionEngine implements AutoCloseable {

    /** Opens {@code model} (a name, a path, or null for the embedded default) on {@code device}. */
    public static DiffusionEngine open(String model, DeviceChoice device) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ModelManifest model() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public DeviceSelection device() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Fills the masked pixels (DDNM projection with the mask operator, optional RePaint resampling). */
    public Result inpaint(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            InpaintOptions options, Progress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Gray to RGB; the result's gray value (mean of R, G, B) equals the input. */
    public Result colorize(RandomAccessibleInterval<FloatType> gray, Options options, Progress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Super-resolution by {@code scale} (2 or 4); average-pooling the result gives back the input. */
    public Result superResolve(RandomAccessibleInterval<FloatType> image, int scale, SuperResolutionOptions options,
            Progress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** SDEdit at {@code strength} in [0, 1]; with a mask only the masked pixels change. */
    public Result sdedit(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            double strength, Options options, Progress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Null-text inversion under {@code sourceClass}, then regeneration under {@code targetClass}. */
    public Result nullTextEdit(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            String sourceClass, String targetClass, NullTextOptions options, Progress progress) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {
    }
}
