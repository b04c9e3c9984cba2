package org.diffusionj.imagej;

import ij.gui.Roi;
import ij.process.ByteProcessor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Rasterises a selection into the engine's mask: 1 where the task may change pixels, 0 where it must keep
 * them. Any area selection works, composite ({@code ShapeRoi}) ones with holes included. Growing, feathering
 * and keeping the pixels outside are the engine's ({@link org.diffusionj.engine.task.Masks}), so that a macro,
 * a script and an API call mean the same by {@code grow} and {@code feather}.
 */
public final class SelectionMask {
    private SelectionMask() {
    }

    /** True for selections that enclose an area (not lines, points or text). */
    public static boolean isArea(Roi roi) {
        return roi != null && roi.isArea() && roi.getType() != Roi.POINT;
    }

    /** The mask of {@code roi} on a {@code width} x {@code height} image, x fastest. */
    public static float[] of(Roi roi, int width, int height) {
        if (!isArea(roi)) {
            throw new IllegalArgumentException("an area selection is needed (rectangle, oval, polygon, freehand "
                    + "or composite), not " + (roi == null ? "none" : roi.getTypeAsString().toLowerCase()));
        }
        ByteProcessor inside = new ByteProcessor(width, height);
        inside.setColor(255);
        inside.fill(roi);
        byte[] in = (byte[]) inside.getPixels();
        float[] mask = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            mask[i] = in[i] != 0 ? 1f : 0f;
        }
        return mask;
    }

    /** The mask as an ImgLib2 (x, y) image for the engine. */
    public static Img<FloatType> toImg(float[] mask, int width, int height) {
        return ArrayImgs.floats(mask.clone(), width, height);
    }
}
