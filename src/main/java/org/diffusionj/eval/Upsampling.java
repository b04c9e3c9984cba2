package org.diffusionj.eval;

import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * The super-resolution baselines users already have: ImageJ's own {@code ImageProcessor.resize} (the one
 * behind Image &gt; Adjust &gt; Size), bicubic or nearest neighbour, one channel at a time in float.
 */
public final class Upsampling {

    private Upsampling() {
    }

    /** Bicubic interpolation (ImageJ resize, {@link ImageProcessor#BICUBIC}). */
    public static FloatImage bicubic(FloatImage img, int scale) {
        return resize(img, scale, ImageProcessor.BICUBIC);
    }

    /** Nearest neighbour (ImageJ resize, {@link ImageProcessor#NONE}): each pixel repeated {@code scale x scale}. */
    public static FloatImage nearest(FloatImage img, int scale) {
        return resize(img, scale, ImageProcessor.NONE);
    }

    private static FloatImage resize(FloatImage img, int scale, int method) {
        FloatImage[] planes = new FloatImage[img.channels()];
        for (int c = 0; c < planes.length; c++) {
            FloatProcessor fp = new FloatProcessor(img.width(), img.height(), img.channel(c).data());
            fp.setInterpolationMethod(method);
            ImageProcessor big = fp.resize(img.width() * scale, img.height() * scale);
            planes[c] = new FloatImage((float[]) big.getPixels(), big.getWidth(), big.getHeight(), 1);
        }
        return planes.length == 1 ? planes[0] : FloatImage.stack(planes);
    }
}
