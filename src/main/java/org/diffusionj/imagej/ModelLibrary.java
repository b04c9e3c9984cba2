package org.diffusionj.imagej;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.ModelPackageException;
import org.diffusionj.runtime.Models;

/**
 * The user's model packages: describe one, and import a folder or zip into the models folder.
 *
 * <p>An import never leaves a half-copied package behind: files go to a hidden staging folder next to
 * the destination, the package is validated there, and only then moved into place in one rename.
 */
public final class ModelLibrary {
    private ModelLibrary() {
    }

    /** A readable summary of a model's manifest. */
    public static String describe(String model) {
        ModelPackage pkg = Models.find(model);
        ModelManifest m = pkg.manifest();
        StringBuilder s = new StringBuilder();
        s.append("Model: ").append(m.name()).append(' ').append(m.version()).append('\n');
        s.append("  licence: ").append(m.license()).append('\n');
        if (!m.description().isBlank()) {
            s.append("  ").append(m.description()).append('\n');
        }
        s.append("  channels: ").append(m.channels()).append(", trained on ").append(m.trainingSize()).append(" px, ")
                .append("prediction: ").append(m.prediction()).append('\n');
        s.append("  schedule: ").append(m.schedule().kind()).append(", ").append(m.timesteps()).append(" steps, beta ")
                .append(m.betaStart()).append(" - ").append(m.betaEnd()).append('\n');
        s.append("  conditioning: ").append(m.conditioning());
        if (!m.classes().isEmpty()) {
            s.append(", classes ").append(m.classes().subList(1, m.classes().size())).append(" (")
                    .append(m.classes().get(0)).append(" = unconditional)");
        }
        s.append('\n');
        s.append("  normalization: ").append(m.normalization()).append(' ').append(m.normalizationLow()).append(" - ")
                .append(m.normalizationHigh()).append('\n');
        if (m.trainingNoise() > 0) {
            s.append(String.format(java.util.Locale.ROOT, "  training images' noise: %.4f (sampling ends at timestep"
                    + " %d)%n", m.trainingNoise(), m.lowestTimestep()));
        }
        if (m.provenance().size() > 0) {
            s.append("  provenance: ").append(m.provenance()).append('\n');
        }
        s.append("  folder: ").append(pkg.folder()).append('\n');
        return s.toString();
    }

    /**
     * Imports the package at {@code source} (a folder holding model.json, a model.json file, or a zip) into
     * {@link Models#userFolder()} under the name in its manifest; returns where it went.
     *
     * @param replace whether an installed package of the same name may be replaced
     */
    public static Path importPackage(Path source, boolean replace) {
        if (!Files.exists(source)) {
            throw new IllegalArgumentException("path: " + source + " does not exist");
        }
        Path folder = Models.userFolder();
        Path staging = null;
        try {
            Files.createDirectories(folder);
            staging = Files.createTempDirectory(folder, ".import-");
            Path root = unpack(source, staging);
            ModelManifest manifest = ModelPackage.open(root).manifest();
            Path target = folder.resolve(safeName(manifest.name()));
            Path old = null;
            if (Files.exists(target)) {
                if (!replace) {
                    throw new IllegalArgumentException("a model named '" + target.getFileName() + "' is already "
                            + "installed in " + folder + "; tick Replace (replace) to overwrite it");
                }
                old = staging.resolve(".replaced");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("a model with that name was installed meanwhile: " + e.getFile(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + source + " into " + folder + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /** Copies or unzips {@code source} into {@code staging}; returns the folder holding model.json. */
    private static Path unpack(Path source, Path staging) throws IOException {
        Path dest = staging.resolve("package");
        if (Files.isDirectory(source) || source.getFileName().toString().equals("model.json")) {
            Path dir = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
            copyTree(dir, dest);
            return dest;
        }
        if (!source.getFileName().toString().toLowerCase().endsWith(".zip")) {
            throw new ModelPackageException(source, "not a model package (expected a folder, a zip or model.json)");
        }
        Models.unzipInto(source, dest);
        if (Files.exists(dest.resolve("model.json"))) {
            return dest;
        }
        try (DirectoryStream<Path> sub = Files.newDirectoryStream(dest, Files::isDirectory)) {
            for (Path p : sub) {
                if (Files.exists(p.resolve("model.json"))) {
                    return p;
                }
            }
        }
        throw new ModelPackageException(source, "not a model package: no model.json inside");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A folder name from a model name: letters, digits, dot, dash and underscore. */
    static String safeName(String name) {
        String s = name.trim().replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || s.startsWith(".")) {
            s = "model" + s;
        }
        return s;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            root.toFile().deleteOnExit();
        }
    }
}
