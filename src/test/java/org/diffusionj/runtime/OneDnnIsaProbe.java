package org.diffusionj.runtime;

import java.nio.file.Paths;

/**
 * Run in a JVM of its own by {@link OneDnnIsaTest}: loads the TorchScript files named in order (3 channels, CPU)
 * and prints the oneDNN instruction set in force after each, as "isa VALUE".
 */
public final class OneDnnIsaProbe {
    private OneDnnIsaProbe() {
    }

    public static void main(String[] files) {
        for (String file : files) {
            try (TorchScriptDenoiser d = TorchScriptDenoiser.load(Paths.get(file), 3,
                    TorchRuntime.select(DeviceChoice.CPU), false)) {
                System.out.println("isa " + OneDnnIsa.current());
            }
        }
    }
}
