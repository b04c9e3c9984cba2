package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.diffusionj.plugin.DiffusionCommands;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;

/**
 * ImageJ with a display: a virtual X server (Xvfb), ImageJ started in its own JVM with the plugin, the
 * menu entries checked, every dialog opened through its menu command and photographed, and a result
 * photographed. Skipped when Xvfb is not installed. Screenshots land in target/screenshots.
 */
class ScreenshotTourTest {
    private static final Path XVFB = Paths.get("/usr/bin/Xvfb");

    @Test
    void menusDialogsAndAResultOnARealDisplay() throws Exception {
        assumeTrue(Files.isExecutable(XVFB), "Xvfb is not installed");
        int display = freeDisplay();
        Process xvfb = new ProcessBuilder(XVFB.toString(), ":" + display, "-screen", "0", "1280x1024x24",
                "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path out = Paths.get("target", "screenshots").toAbsolutePath();
        try {
            waitFor(Paths.get("/tmp/.X11-unix/X" + display));
            Path log = Files.createTempFile("tour", ".log");
            ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-Dai.djl.offline=true", "-Djava.awt.headless=false",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fiji",
                    "--screenshots", out.toString(), "--model", Fixture.folder().toString(), "--steps", "3");
            pb.environment().put("DISPLAY", ":" + display);
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
                assertTrue(menu.contains(c.label()), "menu entry " + c.label() + ":\n" + menu);
                assertTrue(menu.contains(c.macroName() + " -> " + c.label()), menu);
            }
            for (String name : List.of("inpaint", "colorize", "super-resolution", "sdedit", "null-text-edit", "models")) {
                assertPainted(out.resolve("dialog-" + name + ".png"));
            }
            assertEquals(0, imagej.exitValue(), text);
            assertPainted(out.resolve("result.png"));
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
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

    private static int freeDisplay() {
        for (int n = 90; n < 200; n++) {
            if (!new File("/tmp/.X11-unix/X" + n).exists() && !new File("/tmp/.X" + n + "-lock").exists()) {
                return n;
            }
        }
        throw new IllegalStateException("no free X display number");
    }

    private static void waitFor(Path socket) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(socket), "Xvfb did not start");
    }
}
