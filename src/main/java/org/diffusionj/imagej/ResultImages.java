package org.diffusionj.imagej;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.awt.Color;
import java.util.List;

/**
 * Builds a command's result as a new image: the input's type (or colour for colorization), the processed
 * planes as a stack or hyperstack, calibration copied (pixel size divided by the scale for
 * super-resolution), display range and lookup tables kept, parameters in the Info property.
 */
public final class ResultImages {
    private ResultImages() {
    }

    /**
     * A new image titled {@code title} from {@code processors} in stack order.
     *
     * @param shape    the result's channels, slices and frames
     * @param scale    magnification relative to {@code source}
     * @param color16  true when the planes are R, G, B channels of a 16- or 32-bit colour result
     */
    public static ImagePlus assemble(ImagePlus source, String title, List<ImageProcessor> processors, int[] shape,
            int scale, boolean color16, String info) {
        ImageProcessor first = processors.get(0);
        ImageStack stack = new ImageStack(first.getWidth(), first.getHeight());
        for (ImageProcessor ip : processors) {
            stack.addSlice(null, ip);
        }
        ImagePlus out = new ImagePlus(title, stack);
        out.setDimensions(shape[0], shape[1], shape[2]);
        if (shape[0] > 1 || (shape[1] > 1 && shape[2] > 1)) {
            out.setOpenAsHyperStack(true);
        }
        out.setCalibration(calibration(source, scale, first.getBitDepth() != source.getBitDepth()));
        if (color16) {
            out = colorComposite(out, source);
        } else if (first.getBitDepth() == source.getBitDepth() && source.getBitDepth() != 24) {
            out = sameLook(out, source, shape[0]);
        }
        out.setProperty("Info", info);
        return out;
    }

    /** The source's calibration for an image magnified by {@code scale}. */
    public static Calibration calibration(ImagePlus source, int scale, boolean typeChanged) {
        Calibration cal = source.getCalibration().copy();
        if (scale != 1) {
            cal.pixelWidth /= scale;
            cal.pixelHeight /= scale;
            cal.xOrigin *= scale;
            cal.yOrigin *= scale;
        }
        if (typeChanged) {
            cal.disableDensityCalibration();
        }
        return cal;
    }

    private static ImagePlus sameLook(ImagePlus out, ImagePlus source, int channels) {
        if (source.isComposite() && channels == source.getNChannels() && channels > 1) {
            CompositeImage src = (CompositeImage) source;
            CompositeImage ci = new CompositeImage(out, src.getMode());
            ci.setLuts(src.getLuts());
            return ci;
        }
        LUT lut = source.getProcessor().getLut();
        if (lut != null) {
            out.setLut(lut);
        }
        out.setDisplayRange(source.getDisplayRangeMin(), source.getDisplayRangeMax());
        return out;
    }

    private static ImagePlus colorComposite(ImagePlus out, ImagePlus source) {
        CompositeImage ci = new CompositeImage(out, IJ.COMPOSITE);
        Color[] colors = {Color.red, Color.green, Color.blue};
        LUT[] luts = new LUT[3];
        for (int c = 0; c < 3; c++) {
            luts[c] = LUT.createLutFromColor(colors[c]);
            luts[c].min = source.getDisplayRangeMin();
            luts[c].max = source.getDisplayRangeMax();
        }
        ci.setLuts(luts);
        return ci;
    }

    /** The input's title without its extension, followed by {@code -suffix}. */
    public static String title(ImagePlus source, String suffix) {
        String base = source.getTitle();
        int dot = base.lastIndexOf('.');
        if (dot > 0 && base.length() - dot <= 5) {
            base = base.substring(0, dot);
        }
        return base + "-" + suffix;
    }
}
