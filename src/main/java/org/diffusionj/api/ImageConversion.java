package org.diffusionj.api;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffusionj.engine.Tensor;

/**
 * ImgLib2 images to and from the engine's tensors. An (x, y) or (x, y, c) interval, at any origin, becomes a
 * {@code [1, C, H, W]} tensor: ImgLib2's flat iteration order (x fastest, then y, then c) is exactly the
 * tensor's, so results wrap the tensor's array as an {@code ArrayImg} without copying. Every value is checked
 * to be finite on the way in.
 */
final class ImageConversion {

    private ImageConversion() {
    }

    /**
     * A copy of {@code image} as a tensor.
     *
     * @throws IllegalArgumentException for a missing image, other dimensions, channel counts other than 1 and 3,
     *     or NaN / infinite pixels (the message names {@code what})
     */
    static Tensor image(RandomAccessibleInterval<FloatType> image, String what) {
        if (image == null) {
            throw new IllegalArgumentException("The " + what + " is missing");
        }
        int n = image.numDimensions();
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("The " + what + " must have dimensions (x, y) or (x, y, channel), got "
                    + n + " dimensions");
        }
        long channels = n == 3 ? image.dimension(2) : 1;
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("The " + what + " must have 1 or 3 channels, got " + channels);
        }
        long w = image.dimension(0);
        long h = image.dimension(1);
        if (w * h * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The " + what + " is too large (" + w + " x " + h + " x " + channels
                    + " pixels); split it into parts");
        }
        Tensor t = new Tensor(1, (int) channels, (int) h, (int) w);
        copy(image, t.data(), what);
        return t;
    }

    /**
     * A mask for an image of the given size as a {@code [1, 1, H, W]} tensor; nonzero marks the pixels a task
     * may change.
     *
     * @throws IllegalArgumentException for a missing mask, another size or shape, or NaN / infinite values
     */
    static Tensor mask(RandomAccessibleInterval<FloatType> mask, Tensor image) {
        Tensor m = image(mask, "mask");
        if (m.channels() != 1) {
            throw new IllegalArgumentException("The mask must have one channel, got " + m.channels());
        }
        if (m.width() != image.width() || m.height() != image.height()) {
            throw new IllegalArgumentException("The mask is " + m.width() + " x " + m.height() + " but the image is "
                    + image.width() + " x " + image.height());
        }
        return m;
    }

    /** A tensor's first batch item as an (x, y, channel) image sharing its array. */
    static Img<FloatType> img(Tensor t) {
        if (t.batch() != 1) {
            throw new IllegalArgumentException("One image at a time, got " + t);
        }
        return ArrayImgs.floats(t.data(), t.width(), t.height(), t.channels());
    }

    private static void copy(RandomAccessibleInterval<FloatType> image, float[] out, String what) {
        Cursor<FloatType> c = Views.flatIterable(Views.zeroMin(image)).cursor();
        int i = 0;
        while (c.hasNext()) {
            float v = c.next().get();
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("The " + what + " contains NaN pixels; replace them first"
                        + " (for example with Process > Math > Remove NaNs)");
            }
            if (Float.isInfinite(v)) {
                throw new IllegalArgumentException("The " + what + " contains infinite pixels");
            }
            out[i++] = v;
        }
    }
}
