package org.diffusionj.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The machine a figure was measured on, in words: core count and CPU model. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the core count still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu;
    }
}
