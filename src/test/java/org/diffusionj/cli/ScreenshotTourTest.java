package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.diffusionj.plugin.DiffusionCommands;
import org.junit.jupiter.api.Test;

/**
 * ImageJ with a display: a virtual X server (Xvfb), ImageJ started in its own JVM with the plugin, the
 * menu entries checked, every dialog opened through its menu command and photographed, a result
 * photographed, and Train Prior run from its dialog: its progress window photographed, then Finish now.
 * Skipped when Xvfb is not installed. Screenshots land in target/screenshots.
 */
class ScreenshotTourTest {
    @Test
    void menusDialogsAndAResultOnARealDisplay() throws Exception {
        Path out = Paths.get("target", "screenshots").toAbsolutePath();
        try (VirtualDisplay display = VirtualDisplay.start()) {
            Path log = Files.createTempFile("tour", ".log");
            ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-Dai.djl.offline=true", "-Djava.awt.headless=false",
                    // the package Train Prior writes is remembered in the test models folder, not the user's
                    "-Ddiffusionj.models=" + System.getProperty("diffusionj.models", "target/test-models"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fiji",
                    "--screenshots", out.toString(), "--model", "default");
            pb.environment().put("DISPLAY", display.name());
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process imagej = pb.start();
            boolean finished = imagej.waitFor(8, TimeUnit.MINUTES);
            if (!finished) {
                imagej.destroyForcibly();
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(text.replaceAll("(?m)^\\[W.*NNPACK.*\\n", ""));
            assertTrue(finished, "ImageJ did not finish the tour");
            String menu = Files.readString(out.resolve("menu.txt"));
            for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
                assertTrue(menu.contains(c.name() + " -> " + c.plugin()), "menu entry " + c.name() + ":\n" + menu);
            }
            for (String name : List.of("inpaint", "colorize", "super-resolution", "sdedit", "null-text-edit", "models")) {
                assertPainted(out.resolve("dialog-" + name + ".png"));
            }
            assertEquals(0, imagej.exitValue(), text);
            assertPainted(out.resolve("result.png"));
            // Train Prior from its dialog: the loss plot with Finish now and Cancel, then Finish now writes the package
            assertTrue(text.contains("finished now, package tuned written"), text);
            assertPainted(out.resolve("training.png"));
        }
    }

    private static void assertPainted(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " is missing");
        BufferedImage image = ImageIO.read(png.toFile());
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 2) {
            for (int x = 0; x < image.getWidth() && !varied; x += 2) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, png + " is blank");
    }
}
