package org.diffusionj.runtime;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps oneDNN, libtorch's CPU kernel library, to its AVX2 kernels unless the user chose otherwise.
 *
 * <p>Why: on a 2-core AMD EPYC with AVX-512 (avx512f/bw/vl/vnni/bf16), libtorch 2.7.1 under DJL 0.36 returned
 * all-NaN outputs from the same TorchScript forward on the same input for stretches of tens to hundreds of
 * consecutive calls, in about two of every three JVMs (1200 calls each; with one or two intra-op threads,
 * with the graph optimizer on or off; inputs checked intact before and after). With oneDNN limited to AVX2
 * every JVM tried (14) gave bit-identical outputs throughout ({@code OneDnnIsaTest} repeats the check). The
 * limit does not make the backward pass (null-text inversion's gradients) trustworthy: under AVX2 the default
 * model's conditioning gradient at 32 px and above came out about 3.9x smaller than finite differences, and
 * the first gradient call of a JVM returned NaN (README, "Null-text inversion").
 *
 * <p>oneDNN reads {@code ONEDNN_MAX_CPU_ISA} once, when it first dispatches a kernel, from the C environment,
 * which Java cannot change; so the variable is set with libc's {@code setenv} through JNA (a dependency of
 * DJL, and part of Fiji) before the engine starts. An existing value is kept: start Fiji with
 * {@code ONEDNN_MAX_CPU_ISA=ALL} to lift the limit. Where there is no libc (Windows) nothing is done.
 *
 * <p>The same route sets {@code MKL_CBWR=AUTO,STRICT} (Intel MKL's conditional numerical reproducibility, also
 * read once at start-up): without it MKL's matrix products depended on the memory alignment of their
 * operands, so a resumed training run drifted from an uninterrupted one by an ulp within three steps; with it
 * they agree bit for bit ({@code PriorTrainerTest}).
 */
public final class OneDnnIsa {

    static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    static final String LIMIT = "AVX2";
    static final String MKL_VARIABLE = "MKL_CBWR";
    static final String MKL_REPRODUCIBLE = "AUTO,STRICT";
    private static final Logger LOG = Logger.getLogger(OneDnnIsa.class.getName());

    private OneDnnIsa() {
    }

    /**
     * Sets {@code ONEDNN_MAX_CPU_ISA=AVX2} (and {@code MKL_CBWR=AUTO,STRICT}) in the process environment
     * unless they are set already; returns the
     * value in force afterwards, or null where the C environment cannot be reached.
     */
    public static String limit() {
        try {
            NativeLibrary libc = NativeLibrary.getInstance("c");
            Function setenv = libc.getFunction("setenv");
            setenv.invokeInt(new Object[] {VARIABLE, LIMIT, 0});
            setenv.invokeInt(new Object[] {MKL_VARIABLE, MKL_REPRODUCIBLE, 0});
            return current();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "oneDNN's instruction set left as it is: no C environment to set", e);
            return null;
        }
    }

    /** {@code ONEDNN_MAX_CPU_ISA} as libc sees it now (Java's own copy of the environment never changes). */
    static String current() {
        return (String) NativeLibrary.getInstance("c").getFunction("getenv").invoke(String.class,
                new Object[] {VARIABLE});
    }
}
