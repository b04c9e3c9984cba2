package org.diffusionj.imagej;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Converts one ImageJ plane to the engine's float images and back, in the image's own intensity units.
 *
 * <p>8-, 16- and 32-bit planes become (x, y); RGB planes become (x, y, 3) with values 0-255. On the way
 * back, values are rounded and clamped to the range of an integer type (0-255, 0-65535); 32-bit keeps
 * them as they are.
 */
public final class FloatPlanes {
    private FloatPlanes() {
    }

    /** The plane as (x, y), or (x, y, 3) for RGB. The processor is not modified. */
    public static Img<FloatType> toImg(ImageProcessor ip) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        if (ip instanceof ColorProcessor cp) {
            int n = w * h;
            float[] data = new float[3 * n];
            int[] rgb = (int[]) cp.getPixels();
            for (int i = 0; i < n; i++) {
                int c = rgb[i];
                data[i] = (c >> 16) & 0xff;
                data[n + i] = (c >> 8) & 0xff;
                data[2 * n + i] = c & 0xff;
            }
            return ArrayImgs.floats(data, w, h, 3);
        }
        return ArrayImgs.floats(grayFloats(ip), w, h);
    }

    /** The plane as one gray channel (x, y): RGB becomes the mean of R, G and B (the colorization operator). */
    public static Img<FloatType> grayOf(ImageProcessor ip) {
        return ArrayImgs.floats(grayFloats(ip), ip.getWidth(), ip.getHeight());
    }

    private static float[] grayFloats(ImageProcessor ip) {
        int n = ip.getWidth() * ip.getHeight();
        float[] data = new float[n];
        if (ip instanceof ColorProcessor cp) {
            int[] rgb = (int[]) cp.getPixels();
            for (int i = 0; i < n; i++) {
                int c = rgb[i];
                data[i] = (((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff)) / 3f;
            }
        } else {
            for (int i = 0; i < n; i++) {
                data[i] = ip.getf(i);
            }
        }
        return data;
    }

    /** Number of channels of an engine image: 1 for (x, y), else the size of its third dimension. */
    public static int channels(RandomAccessibleInterval<FloatType> img) {
        return img.numDimensions() < 3 ? 1 : (int) img.dimension(2);
    }

    /** Channel {@code c} of an (x, y[, c]) image as width * height floats, x fastest. */
    public static float[] channel(RandomAccessibleInterval<FloatType> img, int c) {
        RandomAccessibleInterval<FloatType> plane = img.numDimensions() < 3 ? img
                : Views.hyperSlice(img, 2, img.min(2) + c);
        float[] data = new float[(int) (plane.dimension(0) * plane.dimension(1))];
        int i = 0;
        for (FloatType v : Views.flatIterable(plane)) {
            data[i++] = v.get();
        }
        return data;
    }

    /**
     * An engine image as a new processor of {@code bitDepth} (8, 16, 32, or 24 for RGB). RGB takes three
     * channels (a single channel is replicated); the gray types take the first.
     */
    public static ImageProcessor toProcessor(RandomAccessibleInterval<FloatType> img, int bitDepth) {
        int w = (int) img.dimension(0);
        int h = (int) img.dimension(1);
        if (bitDepth == 24) {
            int c = channels(img);
            float[] r = channel(img, 0);
            float[] g = c >= 3 ? channel(img, 1) : r;
            float[] b = c >= 3 ? channel(img, 2) : r;
            int[] rgb = new int[w * h];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = 0xff000000 | (clamp(r[i], 255) << 16) | (clamp(g[i], 255) << 8) | clamp(b[i], 255);
            }
            return new ColorProcessor(w, h, rgb);
        }
        return fromFloats(channel(img, 0), w, h, bitDepth);
    }

    /** Floats (x fastest) as a new processor of {@code bitDepth} 8, 16 or 32. */
    public static ImageProcessor fromFloats(float[] data, int w, int h, int bitDepth) {
        switch (bitDepth) {
            case 8 -> {
                byte[] p = new byte[w * h];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (byte) clamp(data[i], 255);
                }
                return new ByteProcessor(w, h, p);
            }
            case 16 -> {
                short[] p = new short[w * h];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (short) clamp(data[i], 65535);
                }
                return new ShortProcessor(w, h, p, null);
            }
            case 32 -> {
                return new FloatProcessor(w, h, data.clone());
            }
            default -> throw new IllegalArgumentException("unsupported bit depth " + bitDepth);
        }
    }

    /** Rounds to the nearest integer in [0, max]; NaN becomes 0. */
    static int clamp(float v, int max) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= max ? max : Math.round(v);
    }
}
