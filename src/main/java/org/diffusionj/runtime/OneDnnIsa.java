package org.diffusionj.runtime;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Sets switches of libtorch's CPU kernel libraries in the process environment before the engine starts,
 * keeping any value the user set:
 * <ul>
 * <li>{@code ONEDNN_MAX_CPU_ISA}: oneDNN's AVX-512 kernels returned all-NaN outputs for stretches of
 * identical forward calls on an AVX-512 AMD EPYC ({@code OneDnnIsaTest}; README, "Development"), and on CPUs with
 * AVX-512 the backward pass under an AVX2 limit gave wrong gradients (on a Zen 5 EPYC the first one NaN, then
 * components 3-5 times off finite differences: {@code PriorTrainerTest}), while under AVX they match. So the limit is
 * {@value #LIMIT_AVX512} where the CPU has AVX-512 ({@code avx512f} in {@code /proc/cpuinfo}) and {@value #LIMIT}
 * elsewhere (measured on AMD EPYCs; Intel CPUs with AVX-512 get the same limit untested). The variable is
 * process-wide: inside Fiji it limits other oneDNN users too. {@code ONEDNN_MAX_CPU_ISA=ALL} lifts it. Training
 * does not rely on this rule alone: it checks its gradient first ({@link PriorTrainer#checkGradient}).</li>
 * <li>{@code MKL_CBWR=AUTO,STRICT}: MKL's conditional numerical reproducibility, so that matrix products do not
 * depend on memory alignment and a resumed training run equals an uninterrupted one bit for bit
 * ({@code PriorTrainerTest}); with {@code MKL_DYNAMIC=FALSE}, which that reproducibility needs (Intel's
 * documentation: a constant number of threads): on a busy CPU MKL otherwise used fewer threads now and then, and
 * two runs of one seed differed by an ulp.</li>
 * </ul>
 * Both libraries read their variable once, from the C environment, which Java cannot change; so they are set
 * with libc's {@code setenv} through JNA (a dependency of DJL, and part of Fiji). Where there is no libc
 * (Windows) nothing is done.
 */
public final class OneDnnIsa {

    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String LIMIT = "AVX2";
    static final String LIMIT_AVX512 = "AVX";
    static final String MKL_VARIABLE = "MKL_CBWR";
    static final String MKL_REPRODUCIBLE = "AUTO,STRICT";
    static final String MKL_DYNAMIC = "MKL_DYNAMIC";
    private static final Logger LOG = Logger.getLogger(OneDnnIsa.class.getName());

    private OneDnnIsa() {
    }

    /**
     * Sets {@code ONEDNN_MAX_CPU_ISA} to {@link #limitFor this CPU's limit} (and {@code MKL_CBWR=AUTO,STRICT},
     * {@code MKL_DYNAMIC=FALSE}) in the process environment unless they are set already; returns the value in force afterwards, or null where the C
     * environment cannot be reached.
     */
    public static String limit() {
        try {
            NativeLibrary libc = NativeLibrary.getInstance("c");
            Function setenv = libc.getFunction("setenv");
            setenv.invokeInt(new Object[] {VARIABLE, limitFor(cpuFlags()), 0});
            setenv.invokeInt(new Object[] {MKL_VARIABLE, MKL_REPRODUCIBLE, 0});
            setenv.invokeInt(new Object[] {MKL_DYNAMIC, "FALSE", 0});
            return current();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "oneDNN's instruction set left as it is: no C environment to set", e);
            return null;
        }
    }

    /** {@value #LIMIT_AVX512} on a CPU with AVX-512 (its flags include {@code avx512f}), else {@value #LIMIT}. */
    static String limitFor(Set<String> cpuFlags) {
        return cpuFlags.contains("avx512f") ? LIMIT_AVX512 : LIMIT;
    }

    /** The CPU's feature flags from {@code /proc/cpuinfo} (Linux); none where it cannot be read. */
    static Set<String> cpuFlags() {
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(Set.of());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Set.of();
        }
    }

    /** {@code ONEDNN_MAX_CPU_ISA} as libc sees it now (Java's own copy of the environment never changes). */
    public static String current() {
        try {
            return (String) NativeLibrary.getInstance("c").getFunction("getenv").invoke(String.class,
                    new Object[] {VARIABLE});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // no C environment (Windows)
        }
    }
}
