package org.diffusionj.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionj.engine.Tensor;

/**
 * Training images from a folder or from open images, read by ImageJ itself: any format and bit depth it
 * opens (8-, 16-, 32-bit, RGB), every plane of a stack or hyperstack (each channel as its own gray plane),
 * in the image's own units (the trainer normalises them as inference does). Files ImageJ cannot open are
 * skipped and listed, never fatal.
 */
public final class TrainingImageFiles {
    /** The planes read, one list per file (a stack's planes together), and the files skipped with the reason. */
    public record Read(List<List<Tensor>> groups, List<String> files, List<String> skipped) {
        /** Every plane of every file. */
        public int planeCount() {
            return groups.stream().mapToInt(List::size).sum();
        }
    }

    private TrainingImageFiles() {
    }

    /** Every image file of {@code folder} (not its sub-folders, not hidden files), in name order. */
    public static Read fromFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        List<List<Tensor>> planes = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            ImagePlus image = null;
            try {
                image = IJ.openImage(file.toString());
            } catch (RuntimeException e) {
                // ImageJ throws on some damaged files instead of returning null: the same outcome
            }
            if (image == null || image.getWidth() == 0) {
                skipped.add(file.getFileName() + " (not an image ImageJ can open)");
                continue;
            }
            planes.add(planes(image));
            used.add(file.getFileName().toString());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the folder " + folder + " holds no files");
        }
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("no file in " + folder + " could be opened as an image: " + skipped);
        }
        return new Read(planes, used, skipped);
    }

    /** Every plane of {@code image}: RGB as three channels, anything else as one gray channel. */
    public static List<Tensor> planes(ImagePlus image) {
        List<Tensor> out = new ArrayList<>();
        ImageStack stack = image.getStack();
        for (int i = 1; i <= stack.getSize(); i++) {
            out.add(tensor(stack.getProcessor(i)));
        }
        return out;
    }

    static Tensor tensor(ImageProcessor ip) {
        int w = ip.getWidth();
        int h = ip.getHeight();
        if (ip instanceof ColorProcessor color) {
            Tensor t = new Tensor(1, 3, h, w);
            int[] rgb = (int[]) color.getPixels();
            for (int i = 0; i < rgb.length; i++) {
                t.data()[i] = (rgb[i] >> 16) & 0xff;
                t.data()[w * h + i] = (rgb[i] >> 8) & 0xff;
                t.data()[2 * w * h + i] = rgb[i] & 0xff;
            }
            return t;
        }
        Tensor t = new Tensor(1, 1, h, w);
        for (int i = 0; i < w * h; i++) {
            t.data()[i] = ip.getf(i);
        }
        return t;
    }
}
