package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on small copies of the test images with the fixture model (the real run takes minutes). */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryResultAndTheContactSheet() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        try (Stream<Path> files = Files.list(Paths.get("test-images"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.toString().endsWith(".tif")) {
                    ImagePlus imp = IJ.openImage(f.toString());
                    double s = 64.0 / Math.max(imp.getWidth(), imp.getHeight()); // Denoise estimates its noise model from it
                    ImagePlus small = new ImagePlus(imp.getTitle(), imp.getProcessor().resize(
                            (int) (imp.getWidth() * s), (int) (imp.getHeight() * s)));
                    new FileSaver(small).saveAsTiff(images.resolve(f.getFileName()).toString());
                }
            }
        }
        Path out = dir.resolve("out");
        int status = Demo.run(new String[] {"--out", out.toString(), "--images", images.toString(), "--steps", "2",
                "--model", Fixture.folder().toString()});
        assertTrue(Files.isRegularFile(out.resolve("contact-sheet.png")));
        List<String> summary = Files.readAllLines(out.resolve("summary.txt"));
        assertEquals(7, summary.size(), String.join("\n", summary));
        assertEquals(0, status, String.join("\n", summary));
        try (Stream<Path> tifs = Files.list(out)) {
            assertEquals(12, tifs.filter(p -> p.toString().endsWith(".tif")).count());
        }
        assertTrue(summary.get(0).contains("outside the selection = 0"), summary.get(0));
    }
}
