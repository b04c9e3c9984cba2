package org.diffusionj.eval;

import java.util.Arrays;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffusionj.engine.Tensor;

/**
 * A small image held as one float array in ImgLib2's flat order (x fastest, then y, then channel), so that it
 * wraps as an {@code ArrayImg} without copying. The array is shared, not copied.
 *
 * @param data     {@code width * height * channels} values
 * @param width    pixels along x
 * @param height   pixels along y
 * @param channels 1 (gray) or 3 (RGB)
 */
public record FloatImage(float[] data, int width, int height, int channels) {

    public FloatImage {
        if (width <= 0 || height <= 0 || channels <= 0 || data.length != width * height * channels) {
            throw new IllegalArgumentException("An image of " + width + " x " + height + " x " + channels
                    + " needs that many values, got " + data.length);
        }
    }

    /** A zero image of this size. */
    public static FloatImage zeros(int width, int height, int channels) {
        return new FloatImage(new float[width * height * channels], width, height, channels);
    }

    /** A copy of an (x, y) or (x, y, c) interval; a trailing channel dimension of 1 gives a gray image. */
    public static FloatImage of(RandomAccessibleInterval<FloatType> img) {
        int c = img.numDimensions() == 3 ? (int) img.dimension(2) : 1;
        FloatImage out = zeros((int) img.dimension(0), (int) img.dimension(1), c);
        int i = 0;
        for (FloatType v : Views.flatIterable(img)) {
            out.data[i++] = v.get();
        }
        return out;
    }

    /** The image as an ImgLib2 (x, y) or (x, y, c) image sharing this array. */
    public Img<FloatType> toImg() {
        return channels == 1 ? ArrayImgs.floats(data, width, height) : ArrayImgs.floats(data, width, height, channels);
    }

    /** The image as a {@code [1, C, H, W]} engine tensor sharing this array (the same flat order). */
    public Tensor toTensor() {
        return new Tensor(data, 1, channels, height, width);
    }

    /** The first item of an engine tensor, sharing its array when the tensor holds one item. */
    public static FloatImage of(Tensor t) {
        return new FloatImage(t.batch() == 1 ? t.data() : t.sample(0).data(), t.width(), t.height(), t.channels());
    }

    /** Pixels per channel. */
    public int plane() {
        return width * height;
    }

    public float get(int x, int y, int c) {
        return data[(c * height + y) * width + x];
    }

    public void set(int x, int y, int c, float v) {
        data[(c * height + y) * width + x] = v;
    }

    /** An independent copy. */
    public FloatImage copy() {
        return new FloatImage(data.clone(), width, height, channels);
    }

    /** A copy of the {@code w x h} region at {@code (x0, y0)}. */
    public FloatImage crop(int x0, int y0, int w, int h) {
        if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) {
            throw new IllegalArgumentException("A " + w + " x " + h + " crop at (" + x0 + ", " + y0
                    + ") does not fit a " + width + " x " + height + " image");
        }
        FloatImage out = zeros(w, h, channels);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, (c * height + y0 + y) * width + x0, out.data, (c * h + y) * w, w);
            }
        }
        return out;
    }

    /** Channel {@code c} as a gray image (a copy). */
    public FloatImage channel(int c) {
        return new FloatImage(Arrays.copyOfRange(data, c * plane(), (c + 1) * plane()), width, height, 1);
    }

    /** Images of one channel each stacked into one image (copied). */
    public static FloatImage stack(FloatImage... planes) {
        FloatImage out = zeros(planes[0].width, planes[0].height, planes.length);
        for (int c = 0; c < planes.length; c++) {
            if (planes[c].channels != 1 || planes[c].width != out.width || planes[c].height != out.height) {
                throw new IllegalArgumentException("Only gray images of one size can be stacked");
            }
            System.arraycopy(planes[c].data, 0, out.data, c * out.plane(), out.plane());
        }
        return out;
    }

    /** Largest minus smallest value (1 for a constant image, so that it can divide). */
    public double range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > min ? max - min : 1;
    }

    /** True when the other image has the same width, height and channels. */
    public boolean sameShape(FloatImage other) {
        return width == other.width && height == other.height && channels == other.channels;
    }
}
