package org.diffusionj.batch;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Where a dataset run writes, and how: a result is written under a hidden temporary name in its final folder and
 * then renamed, so a file either holds a whole result or does not exist (a crash, a killed task or a failure
 * leaves no half-written TIFF; a result's presence is what marks its input done).
 */
public final class Outputs {
    private Outputs() {
    }

    /** The result of input {@code name}: the output folder, the name with the extension {@code .tif}. */
    public static Path result(BatchJob job, String name) {
        if (job.zarr()) {
            return Path.of(job.output());
        }
        return Path.of(job.output()).resolve(baseName(name) + ".tif");
    }

    /** The standard deviation map of input {@code name} (several samples): {@code sd/} in the output folder. */
    public static Path stdDev(BatchJob job, String name) {
        if (job.zarr()) {
            Path out = Path.of(job.output());
            return out.resolveSibling(baseName(out.getFileName().toString()) + "-sd.zarr");
        }
        return Path.of(job.output()).resolve("sd").resolve(baseName(name) + ".tif");
    }

    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Writes {@code image}, the result of input {@code name}, to {@code target}: as TIFF, or for a Zarr job as a
     * Zarr array chunked like the input (its x and y chunks times the result's magnification), made under a
     * temporary name and renamed whole.
     */
    static void write(BatchJob job, String name, ImagePlus image, Path target) {
        if (!job.zarr()) {
            writeTiff(image, target);
            return;
        }
        if (image.getBitDepth() == 24 || image.getNChannels() > 1) {
            throw new IllegalArgumentException("colour results cannot go into a (z, y, x) Zarr array: write TIFF");
        }
        ZarrArray input = ZarrArray.open(Path.of(job.input()));
        int scale = Math.max(1, image.getWidth() / input.width());
        int[] in = input.chunks();
        int cy = Math.min(image.getHeight(), in[in.length - 2] * scale);
        int cx = Math.min(image.getWidth(), in[in.length - 1] * scale);
        int planes = image.getStackSize();
        boolean volume = input.shape().length == 3 || planes > 1;
        long[] shape = volume ? new long[] {planes, image.getHeight(), image.getWidth()}
                : new long[] {image.getHeight(), image.getWidth()};
        int[] chunks = volume ? new int[] {Math.min(planes, input.shape().length == 3 ? in[0] : 1), cy, cx}
                : new int[] {cy, cx};
        String dtype = image.getBitDepth() == 8 ? "|u1" : image.getBitDepth() == 16 ? "<u2" : "<f4";
        float[][] data = new float[planes][];
        for (int i = 0; i < planes; i++) {
            data[i] = (float[]) image.getStack().getProcessor(i + 1).convertToFloat().getPixels();
        }
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            ZarrArray.create(temporary, shape, chunks, dtype).write(data);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(temporary);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden temporary folder is harmless: it is never taken for a result
        }
    }

    /** Writes {@code image} as TIFF to {@code target}, atomically (temporary file in the same folder, then rename). */
    static void writeTiff(ImagePlus image, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
            try {
                if (!new FileSaver(image).saveAsTiff(temporary.toString())) {
                    throw new IOException("ImageJ could not write " + temporary);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
