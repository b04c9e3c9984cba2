package org.diffusionj.api;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** The held-out images of {@code test-images/}, read with ImageJ (test code only) as float crops. */
final class TestImages {

    static final String[] GRAY = {"nuclei-fluorescence-16bit.tif", "cell-brightfield.tif", "cells-phase.tif"};
    static final String[] RGB = {"he-histology.tif", "ihc-histology.tif"};

    private TestImages() {
    }

    static Path folder() {
        Path p = Paths.get("test-images");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test-images/ not found from " + Paths.get("").toAbsolutePath());
        }
        return p;
    }

    /** The centre {@code size x size} crop of {@code name}, (x, y) for gray, (x, y, 3) for RGB. */
    static Img<FloatType> crop(String name, int size) {
        ImagePlus imp = IJ.openImage(folder().resolve(name).toString());
        if (imp == null) {
            throw new IllegalStateException("Cannot read test image " + name);
        }
        ImageProcessor ip = imp.getProcessor();
        int w = Math.min(size, ip.getWidth());
        int h = Math.min(size, ip.getHeight());
        int x0 = (ip.getWidth() - w) / 2;
        int y0 = (ip.getHeight() - h) / 2;
        int channels = ip.getNChannels();
        float[] out = new float[w * h * channels];
        for (int c = 0; c < channels; c++) {
            FloatProcessor fp = ip.toFloat(c, null);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = fp.getf(x0 + x, y0 + y);
                }
            }
        }
        return channels == 1 ? ArrayImgs.floats(out, w, h) : ArrayImgs.floats(out, w, h, channels);
    }
}
