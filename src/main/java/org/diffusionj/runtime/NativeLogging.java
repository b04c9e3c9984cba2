package org.diffusionj.runtime;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * libtorch's own log (c10's {@code LOG}) at level ERROR unless the user set {@code TORCH_CPP_LOG_LEVEL}. On CPUs
 * that NNPACK does not know (a Zen 5 EPYC) every convolution logged "Could not initialize NNPACK! Reason:
 * Unsupported hardware." to stderr, over a hundred lines for one small image, into Fiji's console and every
 * macro's log. libtorch reads that variable only in {@code c10::initLogging()}, which Python's torch calls and DJL
 * does not, so setting it does nothing; instead the level itself, c10's global {@code FLAGS_caffe2_log_level}, is
 * written through JNA once libtorch is loaded (libc10 found among the process's mapped libraries and opened with
 * {@code RTLD_NOLOAD}, so that its symbols stay local to it). A user who sets the variable gets libtorch's own
 * default (warnings). Linux only; elsewhere nothing changes.
 */
final class NativeLogging {
    static final String VARIABLE = "TORCH_CPP_LOG_LEVEL";
    /** c10's severities: INFO 0, WARNING 1 (its default), ERROR 2. */
    static final int ERROR = 2;
    /** dlopen's flags on Linux: resolve lazily, and only find a library that is loaded already. */
    private static final int RTLD_LAZY_NOLOAD = 0x1 | 0x4;
    private static final Logger LOG = Logger.getLogger(NativeLogging.class.getName());

    private NativeLogging() {
    }

    /** Applies the level unless the user set one; false where libc10 is out of reach or the user's level stands. */
    static boolean quiet() {
        if (System.getenv(VARIABLE) != null) {
            return false;
        }
        try {
            Optional<Path> c10 = loaded("libc10.so");
            if (c10.isEmpty()) {
                return false;
            }
            NativeLibrary library = NativeLibrary.getInstance(c10.get().toString(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_NOLOAD));
            library.getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0, ERROR);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "libtorch's log level left as it is", e);
            return false;
        }
    }

    /** The path of a shared library this process has mapped, from {@code /proc/self/maps}. */
    static Optional<Path> loaded(String fileName) {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/self/maps"))) {
            // address, permissions, offset, device, inode, then the path (which may hold spaces)
            return lines.map(l -> l.trim().split("\\s+", 6))
                    .filter(f -> f.length == 6 && f[5].endsWith("/" + fileName)).findFirst().map(f -> Paths.get(f[5]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
