package org.diffusionj.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X server (Xvfb) for tests that start ImageJ with a display, as users do. Tests using it are
 * skipped, never failed, where Xvfb is not installed ({@code .ci/run} installs it).
 */
final class VirtualDisplay implements AutoCloseable {
    private static final Path XVFB = Paths.get("/usr/bin/Xvfb");
    private final Process process;
    private final int number;

    private VirtualDisplay(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    /** Starts one; skips the calling test when Xvfb is missing. */
    static VirtualDisplay start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(XVFB), "Xvfb is not installed");
        int n = freeDisplay();
        Process p = new ProcessBuilder(XVFB.toString(), ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path socket = Paths.get("/tmp/.X11-unix/X" + n);
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            p.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start on :" + n);
        }
        return new VirtualDisplay(p, n);
    }

    /** The value for the DISPLAY environment variable. */
    String name() {
        return ":" + number;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static int freeDisplay() {
        for (int n = 90; n < 200; n++) {
            if (!new File("/tmp/.X11-unix/X" + n).exists() && !new File("/tmp/.X" + n + "-lock").exists()) {
                return n;
            }
        }
        throw new IllegalStateException("no free X display number");
    }
}
