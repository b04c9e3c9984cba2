package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.NewImage;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionj.imagej.Session;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The macros in macros/ run headless as written, with the fixture model and two steps. */
class MacrosTest {
    @TempDir
    Path dir;

    @AfterEach
    void resetDefaultModel() {
        Session.setDefaultModel(null);
    }

    /** The macro with the fixture model as the session default, 2 steps and the fixture's class names. */
    private static String quick(String file) throws IOException {
        String macro = Files.readString(Paths.get("macros", file), StandardCharsets.UTF_8)
                .replaceAll("steps=\\d+", "steps=2")
                .replaceAll("inner=\\d+", "inner=1")
                .replaceAll("class=\\w+", "class=none")
                .replaceAll("source=\\w+ target=\\w+", "source=alpha target=beta")
                .replace("model=default", "model=[" + Fixture.folder() + "]");
        return "run(\"Diffusion Models\", \"action=default model=[" + Fixture.folder() + "]\");\n" + macro;
    }

    private static String[] run(String macro, String argument) {
        HeadlessMacro.Run r = HeadlessMacro.run(macro, argument);
        return new String[] {Integer.toString(r.status()), r.output()};
    }

    /** A copy of a test image at most 24 pixels wide, so that the examples run in seconds. */
    private String small(String testImage) {
        ImagePlus imp = IJ.openImage(Paths.get("test-images", testImage).toString());
        double s = 24.0 / Math.max(imp.getWidth(), imp.getHeight());
        ImagePlus copy = new ImagePlus(testImage, imp.getProcessor().resize((int) Math.round(imp.getWidth() * s),
                (int) Math.round(imp.getHeight() * s)));
        copy.setCalibration(imp.getCalibration());
        Path file = dir.resolve(testImage);
        new FileSaver(copy).saveAsTiff(file.toString());
        return file.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inpaint.ijm:nuclei-fluorescence-16bit.tif", "colorize.ijm:he-histology.tif",
        "sdedit.ijm:ihc-histology.tif", "null-text-edit.ijm:cell-brightfield.tif", "denoise.ijm:nuclei-fluorescence-16bit.tif", "isotropic.ijm:", "models.ijm:", "device-check.ijm:"})
    void exampleRuns(String spec) throws IOException {
        String[] parts = spec.split(":", -1);
        String[] r = run(quick(parts[0]), parts[1].isEmpty() ? "" : small(parts[1]));
        assertEquals("0", r[0], r[1]);
        assertEquals(0, ij.macro.Interpreter.getBatchModeImageCount(), "a run leaves no image open");
    }

    @Test
    void superResolutionExampleDividesThePixelSize() throws IOException {
        Path small = dir.resolve("small.tif");
        ImagePlus imp = NewImage.createShortImage("small", 16, 12, 1, NewImage.FILL_RAMP);
        imp.getCalibration().pixelWidth = 0.8;
        imp.getCalibration().setUnit("um");
        new FileSaver(imp).saveAsTiff(small.toString());
        String[] r = run(quick("super-resolution.ijm"), small.toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("64 x 48, pixel 0.8 -> 0.2"), r[1]);
    }

    @Test
    void batchProcessesAFolderSkippingWhatItCannotRead() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        new FileSaver(NewImage.createByteImage("a", 16, 16, 1, NewImage.FILL_RAMP)).saveAsTiff(in.resolve("a.tif").toString());
        new FileSaver(NewImage.createRGBImage("b", 12, 8, 1, NewImage.FILL_RAMP)).saveAsTiff(in.resolve("b.tif").toString());
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Files.write(in.resolve("broken.tif"), new byte[] {1, 2, 3});
        long before = Files.getLastModifiedTime(in.resolve("a.tif")).toMillis();
        String args = "input=[" + in + "] output=[" + out + "] command=[Diffusion SDEdit] options=[strength=0.5 steps=2 model=["
                + Fixture.folder() + "]]";
        String[] r = run(Files.readString(Paths.get("macros", "batch-folder.ijm")), args);
        assertEquals("0", r[0], r[1]);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("a-sdedit.tif", "b-sdedit.tif"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(24, IJ.openImage(out.resolve("b-sdedit.tif").toString()).getBitDepth());
        assertTrue(r[1].contains("Processed 2 image(s)"), r[1]);
        assertTrue(r[1].contains("broken.tif") && r[1].contains("notes.txt"), r[1]);
        assertEquals(before, Files.getLastModifiedTime(in.resolve("a.tif")).toMillis(), "inputs are not touched");
        try (Stream<Path> s = Files.list(in)) {
            assertEquals(4, s.count());
        }
    }

    @Test
    void batchRefusesToWriteIntoTheInputFolder() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        new FileSaver(NewImage.createByteImage("a", 8, 8, 1, NewImage.FILL_RAMP)).saveAsTiff(in.resolve("a.tif").toString());
        String[] r = run(Files.readString(Paths.get("macros", "batch-folder.ijm")), "input=[" + in + "] output=[" + in + "]");
        assertTrue(r[1].contains("must differ from the input folder"), r[1]);
        try (Stream<Path> s = Files.list(in)) {
            assertEquals(1, s.count());
        }
    }
}
