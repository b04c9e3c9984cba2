package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model package validation: every broken package gives a message naming the file and the field. */
class ModelPackageTest {
    @TempDir
    Path dir;

    private Path copyFixture(String jsonFrom, String jsonTo) throws IOException {
        Path pkg = dir.resolve("pkg");
        Files.createDirectories(pkg);
        Files.copy(Fixture.folder().resolve("denoiser.pt"), pkg.resolve("denoiser.pt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String json = Files.readString(Fixture.folder().resolve("model.json"));
        if (jsonFrom != null) {
            assertTrue(json.contains(jsonFrom), "fixture manifest should contain " + jsonFrom);
            json = json.replace(jsonFrom, jsonTo);
        }
        Files.writeString(pkg.resolve("model.json"), json);
        return pkg;
    }

    private void assertRejected(String from, String to, String... words) throws IOException {
        Path pkg = copyFixture(from, to);
        var e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg));
        assertTrue(e.getMessage().contains(pkg.resolve("model.json").toString()), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void fixtureIsValid() {
        ModelManifest m = Fixture.modelPackage().manifest();
        assertEquals("test-fixture", m.name());
        assertEquals(3, m.channels());
        assertEquals("linear", m.schedule().kind());
        assertEquals(1000, m.timesteps());
        assertEquals(org.diffusionj.engine.model.PredictionType.EPSILON, m.prediction());
        assertEquals(3, m.classes().size());
        assertEquals(8, m.embeddings()[2].length);
        assertEquals(2, m.classIndex("BETA"));
        var e = assertThrows(IllegalArgumentException.class, () -> m.classIndex("gamma"));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }

    @Test
    void trainingNoiseIsOptionalAndEndsSamplingAboveFourTimesIt() throws IOException {
        ModelManifest plain = Fixture.modelPackage().manifest();
        assertEquals(0, plain.trainingNoise());
        assertEquals(0, plain.lowestTimestep(), "packages without the field sample to the end");
        ModelManifest noisy = ModelPackage.open(copyFixture("\"channels\": 3", "\"trainingNoise\": 0.02, \"channels\": 3"))
                .manifest();
        assertEquals(0.02, noisy.trainingNoise());
        int t = noisy.lowestTimestep();
        assertEquals(21, t);
        // the first timestep whose sigma = sqrt((1 - abar) / abar) reaches 4 x 0.02 (t = 21 on the linear schedule)
        assertTrue(noisy.schedule().sigma(t) >= 0.08 - 1e-9 && noisy.schedule().sigma(t - 1) < 0.08,
                "t = " + t + ": sigma " + noisy.schedule().sigma(t));
        assertRejected("\"channels\": 3", "\"trainingNoise\": -0.1, \"channels\": 3", "'trainingNoise'", ">= 0");
    }

    @Test
    void badFieldsAreNamed() throws IOException {
        assertRejected("\"prediction\": \"epsilon\"", "\"prediction\": \"noise\"", "'prediction'", "epsilon");
        assertRejected("\"kind\": \"linear\"", "\"kind\": \"quadratic\"", "schedule.kind");
        assertRejected("\"timesteps\": 1000", "\"timesteps\": -5", "schedule.timesteps", "positive integer");
        assertRejected("\"channels\": 3", "\"channels\": \"three\"", "'channels'");
        assertRejected("\"dim\": 8", "\"dim\": 9", "conditioning.embeddings[0]", "dim = 9");
        assertRejected("\"format\": \"diffusionj-model/1\"", "\"format\": \"other/2\"", "'format'");
        assertRejected("\"denoiser\": \"denoiser.pt\"", "\"denoiser\": \"../x.pt\"", "files.denoiser");
        assertRejected("\"name\": \"test-fixture\",", "", "'name'", "missing");
        assertRejected("\"files\"", "\"files\" x", "not valid JSON");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path pkg = copyFixture(null, null);
        Files.delete(pkg.resolve("denoiser.pt"));
        var e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg));
        assertTrue(e.getMessage().contains("denoiser.pt") && e.getMessage().contains("missing"), e.getMessage());
        Files.writeString(pkg.resolve("model.json"), "[1, 2]");
        e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        Files.delete(pkg.resolve("model.json"));
        e = assertThrows(ModelPackageException.class, () -> ModelPackage.open(pkg));
        assertTrue(e.getMessage().contains("model.json is missing"), e.getMessage());
    }

    @Test
    void zipPackagesAndFoldersAreFoundByPath() throws IOException {
        Path zip = dir.resolve("fixture.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String f : new String[] {"model.json", "denoiser.pt"}) {
                out.putNextEntry(new ZipEntry("fixture/" + f));
                Files.copy(Fixture.folder().resolve(f), out);
                out.closeEntry();
            }
        }
        assertEquals("test-fixture", Models.find(zip.toString()).manifest().name());
        assertEquals("test-fixture", Models.find(Fixture.folder().toString()).manifest().name());
        var e = assertThrows(IllegalArgumentException.class, () -> Models.find("no-such-model"));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains(Models.DEFAULT), e.getMessage());
    }

    @Test
    void zipEntriesCannotEscapeThePackage() throws IOException {
        Path zip = dir.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("../escaped.txt"));
            try (OutputStream o = out) {
                o.write(1);
            }
        }
        var e = assertThrows(ModelPackageException.class, () -> Models.find(zip.toString()));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }
}
