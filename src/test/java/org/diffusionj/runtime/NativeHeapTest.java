package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeHeap}: in a JVM of its own ({@link NativeHeapProbe}), training steps of the embedded model fault few
 * pages once the heap has settled. With {@code -Ddiffusionj.keepFreedMemory=false} glibc 2.36 (Debian 12, 2-core
 * AMD EPYC) faulted 21,700-32,000 pages (85-125 MB) in every step, with the switches 5-5,150: the test fails
 * without them.
 */
class NativeHeapTest {

    @Test
    void freedTensorsAreReusedWithoutPageFaults() throws Exception {
        assumeTrue(Files.isReadable(Paths.get("/proc/self/stat")), "no /proc: not Linux");
        List<String> out = probe(true, 3);
        assumeTrue(out.contains("kept true"), "no glibc mallopt here: " + out);
        List<Long> faults = faults(out);
        assertEquals(3, faults.size(), out.toString());
        long total = faults.stream().mapToLong(Long::longValue).sum();
        assertTrue(total < 15_000, "3 training steps faulted " + total + " pages back in: " + out);
    }

    @Test
    void theSwitchOffLeavesGlibcAlone() throws Exception {
        assumeTrue(Files.isReadable(Paths.get("/proc/self/stat")), "no /proc: not Linux");
        assertTrue(probe(false, 0).contains("kept false"));
    }

    private static List<Long> faults(List<String> out) {
        return out.stream().filter(l -> l.startsWith("faults ")).map(l -> Long.parseLong(l.substring(7))).toList();
    }

    /** The probe with the switch on or off; {@code steps}: the training steps whose page faults it counts. */
    private static List<String> probe(boolean keep, int steps) throws IOException, InterruptedException {
        return ProbeJvm.run(NativeHeapProbe.class, List.of("-Xmx2g", "-D" + NativeHeap.PROPERTY + "=" + keep),
                List.of("GLIBC_TUNABLES"), Integer.toString(steps));
    }
}
