package org.diffusionj.runtime;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets two switches of libtorch's CPU kernel libraries in the process environment before the engine starts,
 * keeping any value the user set:
 * <ul>
 * <li>{@code ONEDNN_MAX_CPU_ISA=AVX2}: oneDNN's AVX-512 kernels returned all-NaN outputs for stretches of
 * identical forward calls on an AVX-512 AMD EPYC ({@code OneDnnIsaTest}; README, "Development").
 * {@code ONEDNN_MAX_CPU_ISA=ALL} lifts the limit.</li>
 * <li>{@code MKL_CBWR=AUTO,STRICT}: MKL's conditional numerical reproducibility, so that matrix products do not
 * depend on memory alignment and a resumed training run equals an uninterrupted one bit for bit
 * ({@code PriorTrainerTest}).</li>
 * </ul>
 * Both libraries read their variable once, from the C environment, which Java cannot change; so they are set
 * with libc's {@code setenv} through JNA (a dependency of DJL, and part of Fiji). Where there is no libc
 * (Windows) nothing is done.
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
