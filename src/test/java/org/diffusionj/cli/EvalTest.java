package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.diffusionj.eval.EvalReport;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./diffusion eval --quick} end to end on the fixture (random weights: its figures mean nothing, so only
 * the files, the rows and the engine's guarantees are checked) with one gray and one RGB test image.
 */
class EvalTest {

    @Test
    void quickRunWritesTheCsvTheSheetAndTheSummary(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        // with a noise-free companion, which is the denoising truth and no image of its own (no rows of its own)
        for (String name : new String[] {"cells-phase.tif", "cells-phase.noise-free.tif", "he-histology.tif"}) {
            Files.copy(Paths.get("test-images", name), images.resolve(name));
        }
        Path out = dir.resolve("out");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int status;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            status = Eval.run(new String[] {"--model", Fixture.folder().toString(), "--images", images.toString(),
                "--out", out.toString(), "--size", "16", "--steps", "2", "--quick", "--device", "cpu"});
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, status);

        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        // per crop: 4 defects x 2 + hole x 2 + super-resolution 4 x 3 + SDEdit 5 + posterior mean 2
        // + denoising (3 light levels + Gaussian noise alone) x 5 methods = 49; the RGB crop adds colorization x 2;
        // tiling adds 2 once;
        // isotropic: 2 kinds x 3 volumes x (noise-free, Poisson, anisotropic PSF + Poisson) x 3 methods once; z-consistency: 2 kinds x 2 volumes x 5 methods once
        assertEquals(49 + 51 + 2 + 54 + 20, rows.size());
        assertEquals(20, rows.stream().filter(r -> r[2].equals("z-consistency")).count());
        assertEquals(20, count(rows, "cells-phase.tif#1", "denoising"));
        assertEquals(12, count(rows, "cells-phase.tif#1", "super-resolution"));
        assertEquals(2, count(rows, "he-histology.tif#1", "colorization"));
        assertEquals(5, count(rows, "he-histology.tif#1", "sdedit"));
        int consistency = 5 + EvalReport.MEASURES.indexOf("consistency");
        for (String[] r : rows) {
            assertEquals(lines.get(0).split(",").length, r.length, Arrays.toString(r));
            assertEquals("none", r[1], "the fixture has no class named like the images");
            boolean guaranteed = r[4].startsWith("ours") && (r[2].equals("inpainting") || r[2].equals("hole")
                    || r[2].equals("colorization") || r[2].equals("super-resolution") && !r[3].contains("noise"));
            if (guaranteed) {
                assertTrue(Double.parseDouble(r[consistency]) <= 1e-5, "the engine's guarantee: " + Arrays.toString(r));
            }
        }

        BufferedImage sheet = ImageIO.read(out.resolve("contact-sheet.png").toFile());
        // gray crop: scratches, hole, x4, x4 noisy, SDEdit, denoising at 10 photons; the RGB crop also
        // colorization: 13 rows of 128 + 6
        assertEquals(13, (sheet.getHeight() - 36) / 134);

        String summary = stdout.toString(StandardCharsets.UTF_8);
        for (String task : EvalReport.TASKS) {
            assertTrue(summary.contains("### " + task + " ("), task + " missing from\n" + summary);
        }
        assertEquals(summary.trim(), Files.readString(out.resolve("summary.md")).trim());
    }

    @Test
    void unknownOptionsAndBadNumbersAreRefused() {
        assertEquals(2, Eval.run(new String[] {"--sise", "16"}));
        assertEquals(2, Main.run(new String[] {"eval", "--quik"}));
    }

    private static long count(List<String[]> rows, String image, String task) {
        return rows.stream().filter(r -> r[0].equals(image) && r[2].equals(task)).count();
    }
}
