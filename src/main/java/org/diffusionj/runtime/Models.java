package org.diffusionj.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds model packages: the default embedded in the jar, the user models folder, or any folder / zip path.
 *
 * <p>The user models folder is {@code $DIFFUSIONJ_MODELS}, else the system property {@code diffusionj.models},
 * else {@code ~/.diffusionj/models}; each sub-folder (or zip) there is a package, found by its folder name.
 * Packages kept elsewhere that were {@linkplain #remember remembered} (trained into a folder of the user's
 * choosing) are listed there too, by their path, in {@value #ELSEWHERE}.
 */
public final class Models {
    /** The model used when none is named. */
    public static final String DEFAULT = "microscopy-small";
    private static final String EMBEDDED_ROOT = "/org/diffusionj/models/";
    private static final Map<String, ModelPackage> UNPACKED = new ConcurrentHashMap<>();
    /** In the user models folder: the paths of remembered packages kept elsewhere, one per line. */
    static final String ELSEWHERE = "elsewhere.txt";

    private Models() {
    }

    /** The user models folder (it may not exist yet). */
    public static Path userFolder() {
        String env = System.getenv("DIFFUSIONJ_MODELS");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String prop = System.getProperty("diffusionj.models");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        return Paths.get(System.getProperty("user.home"), ".diffusionj", "models");
    }

    /**
     * Resolves {@code model}: blank or "default" means the embedded default; an existing path is a package
     * folder or zip; otherwise a name in the user models folder, then among the embedded models.
     */
    public static ModelPackage find(String model) {
        if (model == null || model.isBlank() || model.equalsIgnoreCase("default")) {
            return embedded(DEFAULT);
        }
        Path path = Paths.get(model);
        if (Files.exists(path)) {
            return openPath(path);
        }
        for (String candidate : new String[] {model, model + ".zip"}) {
            Path inUser = userFolder().resolve(candidate);
            if (Files.exists(inUser)) {
                return openPath(inUser);
            }
        }
        if (Models.class.getResource(EMBEDDED_ROOT + model + "/model.json") != null) {
            return embedded(model);
        }
        throw new IllegalArgumentException("Model '" + model + "' not found: not a path, not in " + userFolder()
                + ", not embedded. Available: " + available());
    }

    /** Names of the models that {@link #find} accepts by name. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        Path folder = userFolder();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path p : entries) {
                    if (Files.isRegularFile(p.resolve("model.json")) || p.toString().endsWith(".zip")) {
                        names.add(p.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the models folder " + folder, e);
            }
        }
        for (Path p : elsewhere()) {
            if (Files.isRegularFile(p.resolve("model.json")) && !names.contains(p.toString())) {
                names.add(p.toString()); // by path: find() opens it, and a moved or deleted package drops out
            }
        }
        return names;
    }

    /**
     * Lists the package folder {@code dir} among the {@link #available} models, by its absolute path, when it is
     * not in the user models folder (where it is listed by name anyway): so that a package trained into a folder
     * of the user's choosing appears in every command's Model choice. The list is rewritten atomically.
     */
    public static synchronized void remember(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path folder = userFolder().toAbsolutePath().normalize();
        if (folder.equals(absolute.getParent())) {
            return;
        }
        List<Path> known = elsewhere();
        if (known.contains(absolute)) {
            return;
        }
        known.removeIf(p -> !Files.isRegularFile(p.resolve("model.json"))); // moved or deleted since
        known.add(absolute);
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ELSEWHERE, ".part");
        try {
            Files.write(temporary, known.stream().map(Path::toString).toList(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                Files.move(temporary, folder.resolve(ELSEWHERE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, folder.resolve(ELSEWHERE), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The remembered paths (none without the list; unreadable lines are skipped). */
    private static List<Path> elsewhere() {
        Path list = userFolder().resolve(ELSEWHERE);
        List<Path> out = new ArrayList<>();
        if (!Files.isRegularFile(list)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(list, java.nio.charset.StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        out.add(Paths.get(line.trim()));
                    } catch (java.nio.file.InvalidPathException e) {
                        // a line edited by hand into something that is no path: not a model
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // a list that cannot be read hides the packages kept elsewhere, never the models folder's own
            java.util.logging.Logger.getLogger(Models.class.getName()).warning("Cannot read " + list + ": " + e);
            return new ArrayList<>();
        }
        return out;
    }

    private static ModelPackage openPath(Path path) {
        if (Files.isDirectory(path)) {
            return ModelPackage.open(path);
        }
        if (path.getFileName().toString().equals("model.json")) {
            return ModelPackage.open(path.toAbsolutePath().getParent());
        }
        if (path.toString().toLowerCase().endsWith(".zip")) {
            return UNPACKED.computeIfAbsent(path.toAbsolutePath().toString(), k -> unzip(path));
        }
        throw new ModelPackageException(path, "not a model package (expected a folder, a zip or model.json)");
    }

    /** The embedded package {@code name}, unpacked once per JVM into a temporary folder (TorchScript loads from files). */
    public static ModelPackage embedded(String name) {
        return UNPACKED.computeIfAbsent("embedded:" + name, k -> {
            String root = EMBEDDED_ROOT + name + "/";
            if (Models.class.getResource(root + "model.json") == null) {
                throw new IllegalStateException("The embedded model '" + name + "' is missing from the jar");
            }
            try {
                Path dir = Files.createTempDirectory("diffusionj-" + name);
                dir.toFile().deleteOnExit();
                copyResource(root + "model.json", dir.resolve("model.json"));
                ModelManifest manifest = ModelManifest.read(dir.resolve("model.json"));
                copyResource(root + manifest.denoiserFile(), dir.resolve(manifest.denoiserFile()));
                return ModelPackage.open(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack the embedded model '" + name + "'", e);
            }
        });
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing from the jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
        }
    }

    /**
     * Extracts {@code zip} into {@code dir}, refusing entries that would land outside it (zip slip). Files are
     * marked delete-on-exit only by the caller that wants a temporary copy.
     */
    public static void unzipInto(Path zip, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new ModelPackageException(zip, "entry '" + e.getName() + "' points outside the package");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static ModelPackage unzip(Path zip) {
        try {
            Path dir = Files.createTempDirectory("diffusionj-zip");
            dir.toFile().deleteOnExit();
            unzipInto(zip, dir);
            Path root = dir;
            if (!Files.exists(root.resolve("model.json"))) {
                try (DirectoryStream<Path> sub = Files.newDirectoryStream(dir, Files::isDirectory)) {
                    for (Path p : sub) {
                        if (Files.exists(p.resolve("model.json"))) {
                            root = p;
                        }
                    }
                }
            }
            if (!Files.exists(root.resolve("model.json"))) {
                throw new ModelPackageException(zip, "not a model package: no model.json inside");
            }
            return ModelPackage.open(root);
        } catch (IOException e) {
            throw new ModelPackageException(zip, "cannot be unpacked (" + e.getMessage() + ")", e);
        }
    }
}
