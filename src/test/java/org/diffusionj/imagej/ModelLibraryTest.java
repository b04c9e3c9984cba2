package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.diffusionj.runtime.Fixture;
import org.diffusionj.runtime.ModelPackageException;
import org.diffusionj.runtime.Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLibraryTest {
    @TempDir
    Path home;
    private Path models;
    private String before;

    @BeforeEach
    void useTemporaryModelsFolder() {
        assumeTrue(System.getenv("DIFFUSIONJ_MODELS") == null, "DIFFUSIONJ_MODELS overrides the models folder");
        models = home.resolve("models");
        before = System.getProperty("diffusionj.models");
        System.setProperty("diffusionj.models", models.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("diffusionj.models");
        } else {
            System.setProperty("diffusionj.models", before);
        }
        Session.setDefaultModel(null);
    }

    @Test
    void importsAFolderUnderItsManifestName() {
        Path target = ModelLibrary.importPackage(Fixture.folder(), false);
        assertEquals(models.resolve("test-fixture"), target);
        assertTrue(Files.isRegularFile(target.resolve("denoiser.pt")));
        assertTrue(Models.available().contains("test-fixture"));
        assertEquals("test-fixture", Models.find("test-fixture").manifest().name());
        assertEquals(List.of("test-fixture"), visible(models));
    }

    /** A package trained into a folder of the user's choosing is offered by its path, once, while it exists. */
    @Test
    void theDescriptionSaysWhereAFineTunedPackageEndsSampling() throws IOException {
        assertFalse(ModelLibrary.describe(Fixture.folder().toString()).contains("training images' noise"));
        Path noisy = home.resolve("noisy");
        Files.createDirectories(noisy);
        Files.copy(Fixture.folder().resolve("denoiser.pt"), noisy.resolve("denoiser.pt"));
        Files.writeString(noisy.resolve("model.json"), Files.readString(Fixture.folder().resolve("model.json"))
                .replace("\"channels\": 3", "\"trainingNoise\": 0.02, \"channels\": 3"));
        String d = ModelLibrary.describe(noisy.toString());
        assertTrue(d.contains("training images' noise: 0.0200 (sampling ends at timestep 21)"), d);
    }

    @Test
    void rememberedPackagesElsewhereAreListedByTheirPath() throws IOException {
        Path elsewhere = home.resolve("projects/tuned");
        Files.createDirectories(elsewhere);
        try (Stream<Path> files = Files.list(Fixture.folder())) {
            for (Path f : files.toList()) {
                Files.copy(f, elsewhere.resolve(f.getFileName()));
            }
        }
        Models.remember(elsewhere);
        Models.remember(elsewhere.resolve("../tuned")); // the same folder, another spelling
        String path = elsewhere.toAbsolutePath().normalize().toString();
        assertEquals(List.of(Models.DEFAULT, path), Models.available());
        assertEquals("test-fixture", Models.find(path).manifest().name());
        Path inside = ModelLibrary.importPackage(Fixture.folder(), false);
        Models.remember(inside); // listed by name already
        assertEquals(List.of(Models.DEFAULT, "test-fixture", path), Models.available());
        try (Stream<Path> files = Files.list(elsewhere)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(elsewhere);
        assertEquals(List.of(Models.DEFAULT, "test-fixture"), Models.available(), "a deleted package drops out");
    }

    @Test
    void importsAZipAndRefusesToOverwriteUnlessAsked() throws IOException {
        Path zip = zip(Fixture.folder(), home.resolve("pkg.zip"), "inner/");
        ModelLibrary.importPackage(zip, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelLibrary.importPackage(zip, false));
        assertTrue(e.getMessage().contains("already installed"), e.getMessage());
        ModelLibrary.importPackage(zip, true);
        assertEquals(List.of("test-fixture"), visible(models));
    }

    @Test
    void aBrokenPackageLeavesNothingBehind() throws IOException {
        Path broken = home.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.json"), "{\"format\": \"diffusionj-model/1\"}");
        assertThrows(ModelPackageException.class, () -> ModelLibrary.importPackage(broken, false));
        try (Stream<Path> left = Files.list(models)) {
            assertEquals(0, left.count(), "no staging folder or partial package is left");
        }
    }

    @Test
    void zipEntriesMayNotEscape() throws IOException {
        Path zip = home.resolve("evil.zip");
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
            out.putNextEntry(new ZipEntry("../escape.txt"));
            out.write(1);
            out.closeEntry();
        }
        assertThrows(ModelPackageException.class, () -> ModelLibrary.importPackage(zip, false));
        assertTrue(Files.notExists(models.resolve("escape.txt")));
        assertTrue(Files.notExists(home.resolve("escape.txt")));
    }

    @Test
    void modelsCommandListsDescribesAndSetsTheDefault() {
        String folder = Fixture.folder().toString();
        List<CommandOption> ps = Keys.models();
        String info = ModelsCommand.perform(new Settings(ps, Map.of("action", "info", "model", folder)));
        assertTrue(info.contains("classes [alpha, beta]"), info);
        ModelsCommand.perform(new Settings(ps, Map.of("action", "default", "model", folder)));
        assertEquals(folder, Session.defaultModel());
        assertTrue(ModelsCommand.list().contains("* " + folder));
        assertThrows(IllegalArgumentException.class,
                () -> ModelsCommand.perform(new Settings(ps, Map.of("action", "default", "model", "no-such-model"))));
        assertThrows(IllegalArgumentException.class,
                () -> ModelsCommand.perform(new Settings(ps, Map.of("action", "import"))));
    }

    private static List<String> visible(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path zip(Path folder, Path zip, String prefix) throws IOException {
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw);
                Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                out.putNextEntry(new ZipEntry(prefix + p.getFileName()));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
