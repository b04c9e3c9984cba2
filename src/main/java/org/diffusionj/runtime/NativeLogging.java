package org.diffusionj.runtime;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * libtorch's own log (c10's {@code LOG}) at level ERROR unless the user's {@code TORCH_CPP_LOG_LEVEL} says
 * otherwise. On CPUs that NNPACK does not know (a Zen 5 EPYC) every convolution logged "Could not initialize
 * NNPACK! Reason: Unsupported hardware." to stderr, over a hundred lines for one small image, into Fiji's console
 * and every macro's log. libtorch reads the variable only in {@code c10::initLogging()}, which Python's torch calls
 * and DJL does not; so the variable is set with libc's {@code setenv} and that function is called through JNA once
 * libtorch is loaded (found among the process's mapped libraries). Linux only; elsewhere nothing changes.
 */
final class NativeLogging {
    static final String VARIABLE = "TORCH_CPP_LOG_LEVEL";
    static final String LEVEL = "ERROR";
    private static final Logger LOG = Logger.getLogger(NativeLogging.class.getName());

    private NativeLogging() {
    }

    /** Applies the level (keeping a value the user set); false where libc10 or the C environment is out of reach. */
    static boolean quiet() {
        try {
            Optional<Path> c10 = loaded("libc10.so");
            if (c10.isEmpty()) {
                return false;
            }
            NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {VARIABLE, LEVEL, 0});
            NativeLibrary.getInstance(c10.get().toString()).getFunction("_ZN3c1011initLoggingEv").invokeVoid(
                    new Object[0]);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "libtorch's log level left as it is", e);
            return false;
        }
    }

    /** The path of a shared library this process has mapped, from {@code /proc/self/maps}. */
    static Optional<Path> loaded(String fileName) {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/self/maps"))) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.endsWith("/" + fileName))
                    .findFirst().map(Paths::get);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
