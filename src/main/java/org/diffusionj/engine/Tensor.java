package org.diffusionj.engine;

import java.util.Arrays;

/**
 * Dense float tensor, always 4-D {@code [B, C, H, W]}, row-major (W fastest).
 *
 * <p>The backing array is shared, not copied, unless a method says otherwise: {@link #data()} returns the
 * live array and {@link #Tensor(float[], int, int, int, int)} wraps the given one. Use {@link #copy()} to
 * obtain an independent tensor.
 */
public final class Tensor {

    private final float[] data;
    private final int batch;
    private final int channels;
    private final int height;
    private final int width;

    /** A tensor of zeros with the given shape. */
    public Tensor(int b, int c, int h, int w) {
        this(new float[checkedSize(b, c, h, w)], b, c, h, w);
    }

    /**
     * Wraps {@code data} (not copied) as a tensor of the given shape.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the length does not match
     */
    public Tensor(float[] data, int b, int c, int h, int w) {
        int size = checkedSize(b, c, h, w);
        if (data == null) {
            throw new IllegalArgumentException("Tensor data must not be null");
        }
        if (data.length != size) {
            throw new IllegalArgumentException("Tensor data has " + data.length + " values but shape ["
                    + b + ", " + c + ", " + h + ", " + w + "] needs " + size);
        }
        this.data = data;
        this.batch = b;
        this.channels = c;
        this.height = h;
        this.width = w;
    }

    private static int checkedSize(int b, int c, int h, int w) {
        if (b <= 0 || c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("Tensor dimensions must be positive, got ["
                    + b + ", " + c + ", " + h + ", " + w + "]");
        }
        long size = (long) b * c * h * w;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Tensor of shape [" + b + ", " + c + ", " + h + ", " + w
                    + "] is too large for one float array");
        }
        return (int) size;
    }

    /** The live backing array (not a copy). */
    public float[] data() {
        return data;
    }

    public int batch() {
        return batch;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of values, {@code B * C * H * W}. */
    public int size() {
        return data.length;
    }

    /** Number of values in one batch item, {@code C * H * W}. */
    public int itemSize() {
        return channels * height * width;
    }

    /** Flat index of element {@code (b, c, y, x)}. */
    public int index(int b, int c, int y, int x) {
        return ((b * channels + c) * height + y) * width + x;
    }

    public float get(int b, int c, int y, int x) {
        return data[index(b, c, y, x)];
    }

    public void set(int b, int c, int y, int x, float value) {
        data[index(b, c, y, x)] = value;
    }

    /** An independent deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), batch, channels, height, width);
    }

    /** A new tensor of zeros with this shape. */
    public Tensor zerosLike() {
        return new Tensor(batch, channels, height, width);
    }

    /** True when {@code other} has the same four dimensions. */
    public boolean sameShape(Tensor other) {
        return batch == other.batch && channels == other.channels
                && height == other.height && width == other.width;
    }

    /** Shape as {@code [B, C, H, W]}. */
    public int[] shape() {
        return new int[] {batch, channels, height, width};
    }

    /** A copy of batch item {@code i} as a {@code [1, C, H, W]} tensor. */
    public Tensor sample(int i) {
        if (i < 0 || i >= batch) {
            throw new IndexOutOfBoundsException("Batch index " + i + " outside [0, " + batch + ")");
        }
        int n = itemSize();
        return new Tensor(Arrays.copyOfRange(data, i * n, (i + 1) * n), 1, channels, height, width);
    }

    /**
     * Concatenates tensors along the batch axis into a new tensor (data copied).
     *
     * @throws IllegalArgumentException if no item is given or the items' C, H, W differ
     */
    public static Tensor stack(Tensor... items) {
        if (items == null || items.length == 0) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        Tensor first = items[0];
        int total = 0;
        for (Tensor t : items) {
            if (t.channels != first.channels || t.height != first.height || t.width != first.width) {
                throw new IllegalArgumentException("Cannot stack tensors of shapes "
                        + Arrays.toString(first.shape()) + " and " + Arrays.toString(t.shape()));
            }
            total += t.batch;
        }
        float[] out = new float[total * first.itemSize()];
        int offset = 0;
        for (Tensor t : items) {
            System.arraycopy(t.data, 0, out, offset, t.data.length);
            offset += t.data.length;
        }
        return new Tensor(out, total, first.channels, first.height, first.width);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape());
    }
}
