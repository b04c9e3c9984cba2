package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallTest {
    @TempDir
    Path dir;

    private Path file(String path) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, path);
        return p;
    }

    @Test
    void copiesWhatFijiLacksAndKeepsWhatItHas() throws IOException {
        Path fiji = dir.resolve("Fiji.app");
        file("Fiji.app/jars/imglib2-6.1.0.jar");
        file("Fiji.app/jars/ij-1.54f.jar");
        file("Fiji.app/jars/logback-classic-1.2.12.jar"); // Fiji's SLF4J provider
        file("Fiji.app/plugins/diffusionj-0.0.9.jar");
        Path jar = file("build/diffusionj-0.1.0-SNAPSHOT.jar");
        List<Path> libs = List.of(file("build/lib/imglib2-7.1.4.jar"), file("build/lib/ij-1.54p.jar"),
                file("build/lib/api-0.36.0.jar"), file("build/lib/pytorch-native-cpu-2.7.1-linux-x86_64.jar"),
                file("build/lib/slf4j-simple-2.0.16.jar"));
        file("macros/inpaint.ijm");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Install.install(fiji, jar, libs, dir.resolve("macros"), false, new PrintStream(log, true));
        assertTrue(Files.exists(fiji.resolve("plugins/DiffusionJ_-0.1.0-SNAPSHOT.jar")));
        assertTrue(Files.notExists(fiji.resolve("plugins/diffusionj-0.0.9.jar")), "the older version is removed");
        assertTrue(Files.exists(fiji.resolve("jars/api-0.36.0.jar")));
        assertTrue(Files.exists(fiji.resolve("jars/pytorch-native-cpu-2.7.1-linux-x86_64.jar")));
        assertTrue(Files.notExists(fiji.resolve("jars/imglib2-7.1.4.jar")), "Fiji's imglib2 stays alone");
        assertTrue(Files.notExists(fiji.resolve("jars/ij-1.54p.jar")));
        assertTrue(Files.notExists(fiji.resolve("jars/slf4j-simple-2.0.16.jar")), "Fiji logs through logback");
        assertTrue(Files.exists(fiji.resolve("macros/DiffusionJ/inpaint.ijm")));
        assertTrue(log.toString().contains("kept Fiji's own"), log.toString());
    }

    @Test
    void plainImageJGetsTheLibrariesInPluginsJarsWithALoggingProvider() throws IOException {
        Path imagej = dir.resolve("ImageJ");
        Files.createDirectories(imagej.resolve("plugins"));
        Path jar = file("build/diffusionj-0.1.0.jar");
        List<Path> libs = List.of(file("build/lib/slf4j-api-2.0.17.jar"), file("build/lib/slf4j-simple-2.0.16.jar"),
                file("build/lib/ij-1.54p.jar"));
        Install.install(imagej, jar, libs, dir.resolve("none"), false, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(Files.exists(imagej.resolve("plugins/DiffusionJ_-0.1.0.jar")));
        assertTrue(Files.exists(imagej.resolve("plugins/jars/slf4j-api-2.0.17.jar")));
        assertTrue(Files.exists(imagej.resolve("plugins/jars/slf4j-simple-2.0.16.jar")),
                "without a provider SLF4J would warn on every start");
        assertTrue(Files.notExists(imagej.resolve("plugins/jars/ij-1.54p.jar")));
    }

    @Test
    void dryRunChangesNothingAndAFolderWithoutPluginsIsRefused() throws IOException {
        Path fiji = dir.resolve("ImageJ");
        Files.createDirectories(fiji.resolve("plugins"));
        Path jar = file("build/diffusionj-0.1.0.jar");
        Install.install(fiji, jar, List.of(file("build/lib/api-0.36.0.jar")), dir.resolve("none"), true,
                new PrintStream(new ByteArrayOutputStream()));
        try (var s = Files.list(fiji.resolve("plugins"))) {
            assertEquals(0, s.count());
        }
        assertThrows(IllegalArgumentException.class, () -> Install.install(dir.resolve("build"), jar, List.of(),
                dir, false, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void artifactNamesDropVersionAndClassifier() {
        assertEquals("imglib2", Install.artifact("imglib2-7.1.4.jar"));
        assertEquals("pytorch-native-cpu", Install.artifact("pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
        assertEquals("pytorch-jni", Install.artifact("pytorch-jni-2.7.1-0.36.0.jar"));
        assertEquals("scijava-common", Install.artifact("scijava-common-2.99.0.jar"));
        assertEquals("ij", Install.artifact("ij-1.54p.jar"));
        assertEquals("diffusionj", Install.artifact("diffusionj-0.1.0-SNAPSHOT.jar"));
    }
}
