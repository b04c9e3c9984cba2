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
        return Path.of(job.output()).resolve(baseName(name) + ".tif");
    }

    /** The standard deviation map of input {@code name} (several samples): {@code sd/} in the output folder. */
    public static Path stdDev(BatchJob job, String name) {
        return Path.of(job.output()).resolve("sd").resolve(baseName(name) + ".tif");
    }

    static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
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
