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
 * Sets switches of libtorch's CPU kernel libraries in the process environment before their first use, keeping
 * any value the user set:
 * <ul>
 * <li>{@code ONEDNN_MAX_CPU_ISA}, decided by the first model the process loads ({@link #settle}), because oneDNN
 * reads it once, at its first kernel. oneDNN 3.7 (inside libtorch 2.7.1) keeps channels in blocks of 8 (AVX2)
 * or 16 (AVX-512) and pads a partial block itself; for a convolution whose output channels are not a multiple of
 * the block (a network's last layer, 3 channels) its backward pass gave NaN or wrong gradients on AMD Zen 5
 * EPYCs under AVX2 and AVX-512 (ratios 0.72-0.91 against finite differences; README, "Development"), and its
 * AVX-512 forward gave all-NaN outputs now and then on an earlier AVX-512 EPYC. A model whose convolutions all
 * have a multiple of {@value #CHANNEL_BLOCK} output channels ({@link TorchScriptDenoiser#blockAligned}; the
 * recipe pads the last layer with zero filters, {@code tools/model/export.py}) never meets a partial block: for
 * it the set is not limited ({@value #UNLIMITED}), and its gradients match finite differences
 * ({@code PriorTrainerTest}). For any other model the limit is {@value #LIMIT_AVX512} where the CPU has AVX-512
 * ({@code avx512f} in {@code /proc/cpuinfo}) and {@value #LIMIT} elsewhere. A later model of another kind runs
 * under the first one's decision (logged); training does not rely on this rule alone: it checks its gradient
 * first ({@link PriorTrainer#checkGradient}). The variable is process-wide: inside Fiji it holds for other oneDNN
 * users too.</li>
 * <li>{@code MKL_CBWR=AUTO,STRICT}: MKL's conditional numerical reproducibility, so that matrix products do not
 * depend on memory alignment and a resumed training run equals an uninterrupted one bit for bit
 * ({@code PriorTrainerTest}); with {@code MKL_DYNAMIC=FALSE}, which that reproducibility needs (Intel's
 * documentation: a constant number of threads): on a busy CPU MKL otherwise used fewer threads now and then, and
 * two runs of one seed differed by an ulp. Set when the engine starts ({@link #prepare}).</li>
 * </ul>
 * Both libraries read their variable from the C environment, which Java cannot change; so they are set
 * with libc's {@code setenv} through JNA (a dependency of DJL, and part of Fiji). Where there is no libc
 * (Windows) nothing is done.
 */
public final class OneDnnIsa {

    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String LIMIT = "AVX2";
    static final String LIMIT_AVX512 = "AVX";
    static final String UNLIMITED = "ALL";
    /** oneDNN's widest float32 channel block (AVX-512): a multiple of it is a multiple of AVX2's 8 too. */
    public static final int CHANNEL_BLOCK = 16;
    static final String MKL_VARIABLE = "MKL_CBWR";
    static final String MKL_REPRODUCIBLE = "AUTO,STRICT";
    static final String MKL_DYNAMIC = "MKL_DYNAMIC";
    private static final Logger LOG = Logger.getLogger(OneDnnIsa.class.getName());
    /** Whether the first model loaded was block-aligned; null until then. */
    private static Boolean settledForAligned;

    private OneDnnIsa() {
    }

    /** Sets {@code MKL_CBWR=AUTO,STRICT} and {@code MKL_DYNAMIC=FALSE} unless set already; at the engine's start. */
    static void prepare() {
        setDefault(MKL_VARIABLE, MKL_REPRODUCIBLE);
        setDefault(MKL_DYNAMIC, "FALSE");
    }

    /**
     * Called for every model before its first forward call: the first call sets {@code ONEDNN_MAX_CPU_ISA} for
     * the process ({@link #limitFor}) unless the user set it; later calls change nothing and log when their
     * model would have needed the limit that was not set. Returns the value in force, or null where the C
     * environment cannot be reached.
     */
    public static synchronized String settle(boolean blockAligned, Object model) {
        if (settledForAligned == null) {
            settledForAligned = blockAligned;
            setDefault(VARIABLE, limitFor(cpuFlags(), blockAligned));
        } else if (settledForAligned && !blockAligned && UNLIMITED.equals(current())) {
            LOG.warning(() -> model + ": its convolutions' output channels are not all multiples of "
                    + CHANNEL_BLOCK + ", and oneDNN's instruction set was left unlimited for the first model of this "
                    + "session; on some CPUs its gradients are then wrong (training and null-text inversion check "
                    + "them). To be safe, load this model first in a new session, or start with "
                    + VARIABLE + "=" + limitFor(cpuFlags(), false) + ".");
        }
        return current();
    }

    /** The instruction set in force for a user's log: whether it is limited, and what a limit costs. */
    public static String describe() {
        String isa = current();
        if (isa == null) {
            return "unknown (no C environment)";
        }
        if (UNLIMITED.equalsIgnoreCase(isa)) {
            return isa + " (not limited: the first model of this session fills whole channel blocks)";
        }
        return isa + " (limited, by " + VARIABLE + " or because the first model of this session has a convolution "
                + "whose filters are not a multiple of " + CHANNEL_BLOCK + "; training steps take about 2-2.7 times "
                + "as long as unlimited: README, Development)";
    }

    private static void setDefault(String variable, String value) {
        try {
            NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {variable, value, 0});
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, variable + " left as it is: no C environment to set", e);
        }
    }

    /**
     * {@value #UNLIMITED} for a block-aligned model; otherwise {@value #LIMIT_AVX512} on a CPU with AVX-512 (its
     * flags include {@code avx512f}), else {@value #LIMIT}.
     */
    static String limitFor(Set<String> cpuFlags, boolean blockAligned) {
        return blockAligned ? UNLIMITED : cpuFlags.contains("avx512f") ? LIMIT_AVX512 : LIMIT;
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
