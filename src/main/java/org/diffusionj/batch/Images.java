package org.diffusionj.batch;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.plugin.Duplicator;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ImageProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffusionj.engine.tiling.TilePlan;

/** ImageJ's reading, cropping and (de)serialising of the images a dataset run handles. */
final class Images {
    private Images() {
    }

    /** The image in {@code file}, or an exception naming the file. */
    static ImagePlus open(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file.getFileName() + " cannot be read");
        }
        ImagePlus image = new Opener().openImage(file.toString());
        if (image == null) {
            throw new IllegalArgumentException(file.getFileName() + " is not an image ImageJ can open");
        }
        return image;
    }

    /**
     * The planes of {@code block} of {@code file}: from a Zarr array only the chunks under the block are read;
     * from an image file the whole image is read and cut.
     */
    static ImagePlus block(Path file, BlockJob block, TilePlan.Tile tile) {
        if (ZarrArray.isArray(file)) {
            ZarrArray array = ZarrArray.open(file);
            checkSize(file, array.width(), array.height(), block);
            int depth = array.dtype().endsWith("u1") ? 8 : array.dtype().endsWith("u2") ? 16 : 32;
            ij.ImageStack stack = new ij.ImageStack(tile.width(), tile.height());
            for (float[] plane : array.read(tile.x(), tile.y(), tile.width(), tile.height())) {
                stack.addSlice(null, org.diffusionj.imagej.FloatPlanes.fromFloats(plane, tile.width(), tile.height(),
                        depth));
            }
            return new ImagePlus(file.getFileName().toString(), stack);
        }
        ImagePlus image = open(file);
        checkSize(file, image.getWidth(), image.getHeight(), block);
        return block.count() == 1 ? image : crop(image, tile);
    }

    private static void checkSize(Path file, int width, int height, BlockJob block) {
        if (width != block.width() || height != block.height()) {
            throw new IllegalStateException(file.getFileName() + " changed while the run was planned (" + width
                    + " x " + height + ", planned " + block.width() + " x " + block.height() + ")");
        }
    }

    /** Every plane of {@code image} inside {@code tile} (calibration and metadata kept); the image is unchanged. */
    static ImagePlus crop(ImagePlus image, TilePlan.Tile tile) {
        Roi previous = image.getRoi();
        image.setRoi(new Roi(tile.x(), tile.y(), tile.width(), tile.height()));
        ImagePlus crop = new Duplicator().run(image, 1, image.getNChannels(), 1, image.getNSlices(), 1,
                image.getNFrames());
        image.setRoi(previous);
        crop.setTitle(image.getTitle());
        return crop;
    }

    /**
     * The non-zero pixels of the mask's first plane inside {@code tile}, as a selection in the tile's coordinates;
     * null when there are none.
     */
    static Roi selection(ImagePlus mask, TilePlan.Tile tile) {
        ImageProcessor ip = mask.getStack().getProcessor(1);
        ip.setRoi(tile.x(), tile.y(), tile.width(), tile.height());
        ImageProcessor part = ip.crop().convertToFloat();
        boolean any = false;
        ij.process.ByteProcessor binary = new ij.process.ByteProcessor(part.getWidth(), part.getHeight());
        for (int i = 0; i < part.getPixelCount(); i++) {
            if (part.getf(i) != 0) {
                binary.set(i, 255);
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        binary.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
        return new ThresholdToSelection().convert(binary);
    }

    /** The image as the bytes of a TIFF file (what ImageJ would save: pixels, dimensions, calibration, Info). */
    static byte[] serialize(ImagePlus image) {
        byte[] bytes = new FileSaver(image).serialize();
        if (bytes == null) {
            throw new IllegalStateException("could not encode " + image.getTitle() + " as TIFF");
        }
        return bytes;
    }

    /** The image {@link #serialize} encoded. */
    static ImagePlus deserialize(byte[] bytes) {
        ImagePlus image = new Opener().deserialize(bytes);
        if (image == null) {
            throw new IllegalStateException("could not decode a block's result");
        }
        return image;
    }
}
