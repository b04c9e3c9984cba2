package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;

/** {@code ./diffusion bench --large} on a tiny image with the fixture: the table and the memory figures. */
class LargeImageBenchTest {

    @Test
    void reportsTimeAndMemory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Bench.run(new String[] {"--large", "--model", Fixture.folder().toString(), "--size", "16",
                "--steps", "1", "--device", "cpu"});
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, status);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| peak RSS MB | max heap MB | peak heap MB |"), text);
        assertTrue(text.contains("| 32 x 32 |"), text);
    }

    @Test
    void memoryFiguresAreRead() {
        double rss = LargeImageBench.peakResidentMb();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(rss > 10, "VmHWM " + rss); // Linux: the figure must be read, not skipped
        } else {
            assertTrue(Double.isNaN(rss), "without /proc the figure is absent, not made up");
        }
        assertTrue(LargeImageBench.peakHeapMb() > 0);
    }
}
