package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's {@code main} in a JVM of its own (this JVM's classpath, offline DJL): for what a process decides
 * once, at its start (oneDNN's instruction set, glibc's malloc settings). Returns its output lines; a probe that
 * hangs or fails fails the test.
 */
final class ProbeJvm {
    private ProbeJvm() {
    }

    static List<String> run(Class<?> probe, List<String> jvmOptions, List<String> unsetVariables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        unsetVariables.forEach(pb.environment()::remove);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the probe JVM hung");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
