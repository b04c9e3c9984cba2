package org.diffusionj.eval;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The images an evaluation runs on: every TIFF of a folder (read with ImageJ: 8- or 16-bit gray, or RGB),
 * optionally a {@link SyntheticBlobs} image, and square crops of them. A file {@code NAME.noise-free.tif} is no
 * image of its own but the noise-free companion of {@code NAME.tif} (a synthetic image without its camera noise),
 * which denoising takes as its truth.
 */
public final class TestImageSet {

    /** A noise-free companion's file name, lower-cased: {@code NAME.noise-free.tif} (or {@code .tiff}). */
    private static final String COMPANION = ".*\\.noise-free\\.tiff?";

    /**
     * A named image and the kind of microscopy it shows (fluorescence, brightfield, histology, or null), with its
     * noise-free companion, or null where it has none (real images, and synthetic ones without noise).
     */
    public record Named(String name, String kind, FloatImage image, FloatImage noiseFree) {
        public Named(String name, String kind, FloatImage image) {
            this(name, kind, image, null);
        }
    }

    /** A crop of a named image at (x, y). */
    public record Crop(Named source, int index, int x, int y, FloatImage image) {
        /** "name#index" for reports. */
        public String label() {
            return source.name() + "#" + index;
        }

        /** The same crop of the image's noise-free companion, or the crop itself when it has none. */
        public FloatImage noiseFree() {
            FloatImage companion = source.noiseFree();
            return companion == null ? image : companion.crop(x, y, image.width(), image.height());
        }
    }

    /** Crop centres as fractions of the image: the centre first, then the quarters' centres. */
    private static final double[][] CENTRES = {{0.5, 0.5}, {0.25, 0.25}, {0.75, 0.75}, {0.75, 0.25}, {0.25, 0.75}};

    private TestImageSet() {
    }

    /** Every {@code .tif} / {@code .tiff} file of {@code folder}, by name. */
    public static List<Named> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("No image folder " + folder.toAbsolutePath());
        }
        List<Path> tiffs;
        try (Stream<Path> files = Files.list(folder)) {
            tiffs = files.filter(p -> lower(p).matches(".*\\.tiff?")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        // each companion by the lower-cased name of the image it belongs to, without the extension
        Map<String, Path> companions = new HashMap<>();
        for (Path p : tiffs) {
            if (lower(p).matches(COMPANION)) {
                companions.put(lower(p).replaceFirst("\\.noise-free\\.tiff?$", ""), p);
            }
        }
        List<Named> images = new ArrayList<>();
        for (Path p : tiffs) {
            if (!lower(p).matches(COMPANION)) {
                String name = p.getFileName().toString();
                FloatImage image = readTiff(p);
                Path companion = companions.get(lower(p).replaceFirst("\\.tiff?$", ""));
                images.add(new Named(name, kindOf(name), image, companion == null ? null : companion(companion, p,
                        image)));
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("No TIFF images in " + folder.toAbsolutePath());
        }
        return images;
    }

    /** The noise-free companion in {@code path} of {@code image} (read from {@code file}), which it must match. */
    private static FloatImage companion(Path path, Path file, FloatImage image) {
        FloatImage companion = readTiff(path);
        if (companion.width() != image.width() || companion.height() != image.height()
                || companion.channels() != image.channels()) {
            throw new IllegalArgumentException(path + " is not shaped like " + file.getFileName());
        }
        return companion;
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** A 256 x 256 synthetic fluorescence image (seed 2024), noise-free itself. */
    public static Named synthetic() {
        return new Named("synthetic-blobs", "fluorescence", SyntheticBlobs.generate(256, 256, 2024));
    }

    /** The kind of microscopy a file name announces, or null. */
    public static String kindOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("fluor") || n.contains("nuclei")) {
            return "fluorescence";
        }
        if (n.contains("histo") || n.contains("ihc") || n.startsWith("he-")) {
            return "histology";
        }
        if (n.contains("bright") || n.contains("phase") || n.contains("cell")) {
            return "brightfield";
        }
        return null;
    }

    /** The first plane of a TIFF as float: one channel for 8/16/32-bit, three for RGB. */
    static FloatImage readTiff(Path file) {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new IllegalArgumentException("ImageJ cannot read " + file);
        }
        ImageProcessor ip = imp.getProcessor();
        FloatImage[] planes = new FloatImage[ip.getNChannels()];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = new FloatImage((float[]) ip.toFloat(c, null).getPixels(), ip.getWidth(), ip.getHeight(), 1);
        }
        return planes.length == 1 ? planes[0] : FloatImage.stack(planes);
    }

    /**
     * Up to {@code count} square crops of side {@code size} (distinct positions: the centre, then the centres of
     * the quarters, moved inside the image); images smaller than {@code size} give none.
     */
    public static List<Crop> crops(Named image, int size, int count) {
        FloatImage img = image.image();
        List<Crop> out = new ArrayList<>();
        if (img.width() < size || img.height() < size) {
            return out;
        }
        Set<Long> seen = new LinkedHashSet<>();
        for (double[] c : CENTRES) {
            int x = clamp((int) Math.round(c[0] * img.width()) - size / 2, img.width() - size);
            int y = clamp((int) Math.round(c[1] * img.height()) - size / 2, img.height() - size);
            if (out.size() < count && seen.add((long) x << 32 | y)) {
                out.add(new Crop(image, out.size() + 1, x, y, img.crop(x, y, size, size)));
            }
        }
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
