package org.diffusionj.imagej;

import ij.gui.Roi;
import ij.plugin.filter.EDM;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Turns a selection into the engine's mask: 1 where the task may change pixels, 0 where it must keep them.
 *
 * <p>Any area selection works, composite ({@code ShapeRoi}) ones with holes included. {@code grow} dilates
 * the selection by that many pixels (Euclidean distance); {@code feather} then ramps the mask from 0 to 1
 * over that many pixels <em>inside</em> the grown border, so pixels outside it stay exactly unchanged.
 */
public final class SelectionMask {
    private SelectionMask() {
    }

    /** True for selections that enclose an area (not lines, points or text). */
    public static boolean isArea(Roi roi) {
        return roi != null && roi.isArea() && roi.getType() != Roi.POINT;
    }

    /** The mask of {@code roi} on a {@code width} x {@code height} image, x fastest. */
    public static float[] of(Roi roi, int width, int height, int grow, int feather) {
        if (!isArea(roi)) {
            throw new IllegalArgumentException("an area selection is needed (rectangle, oval, polygon, freehand "
                    + "or composite), not " + (roi == null ? "none" : roi.getTypeAsString().toLowerCase()));
        }
        if (grow < 0 || feather < 0) {
            throw new IllegalArgumentException("grow and feather must not be negative");
        }
        ByteProcessor inside = new ByteProcessor(width, height);
        inside.setColor(255);
        inside.fill(roi);
        if (grow > 0) {
            inside = grown(inside, grow);
        }
        byte[] in = (byte[]) inside.getPixels();
        float[] mask = new float[in.length];
        if (feather <= 0) {
            for (int i = 0; i < in.length; i++) {
                mask[i] = in[i] != 0 ? 1f : 0f;
            }
            return mask;
        }
        float[] depth = (float[]) new EDM().makeFloatEDM(inside, 0, false).getPixels();
        for (int i = 0; i < in.length; i++) {
            mask[i] = in[i] != 0 ? Math.min(1f, depth[i] / feather) : 0f;
        }
        return mask;
    }

    private static ByteProcessor grown(ByteProcessor inside, int grow) {
        ByteProcessor outside = (ByteProcessor) inside.duplicate();
        outside.invert();
        FloatProcessor distance = new EDM().makeFloatEDM(outside, 0, false);
        float[] d = (float[]) distance.getPixels();
        byte[] in = (byte[]) inside.getPixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] != 0 || d[i] <= grow ? (byte) 255 : 0;
        }
        return new ByteProcessor(inside.getWidth(), inside.getHeight(), out);
    }

    /** The mask as an ImgLib2 (x, y) image for the engine. */
    public static Img<FloatType> toImg(float[] mask, int width, int height) {
        return ArrayImgs.floats(mask.clone(), width, height);
    }

    /**
     * Keeps {@code original} where the mask is 0 and mixes it with {@code result} by the mask elsewhere,
     * in place in {@code result}: the guarantee that nothing outside the selection changes.
     */
    public static void keepOutside(float[] result, float[] original, float[] mask) {
        for (int i = 0; i < result.length; i++) {
            float m = mask[i];
            if (m <= 0f) {
                result[i] = original[i];
            } else if (m < 1f) {
                result[i] = original[i] + m * (result[i] - original[i]);
            }
        }
    }
}
