package org.diffusionj.runtime;

import com.sun.jna.NativeLibrary;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes glibc's {@code malloc} keep freed memory for reuse instead of handing it back to the kernel after every
 * tensor, set once when the engine starts.
 *
 * <p>Why: libtorch allocates every activation with {@code malloc}. Java runs it on threads that are not the
 * process's first thread, and glibc gives such threads arenas of their own, made of 64 MB heaps that it unmaps or
 * shrinks as soon as their top is free (unlike the first thread's heap, whose freed top it keeps up to a
 * threshold). A training step (batch 8, 64 px: well over 64 MB of activations kept for the backward pass) then
 * returned its memory to the kernel at the end of every step and faulted it back in, page by page, in the next:
 * on the 2-core AMD EPYC Zen 5 used for the README's figures, 23,000 page faults a second and 15 % of the
 * process's time in the kernel, which Python (one thread, the first heap) did not pay. With
 * {@code M_TOP_PAD} at {@value #TOP_PAD} bytes (a heap is never unmapped while less than that is free; at least
 * glibc's 64 MB heap size) and a fixed {@code M_MMAP_THRESHOLD} of {@value #MMAP_THRESHOLD} bytes (glibc's largest
 * automatic value; setting the pad alone would pin it at 128 KB) a training step took 331 / 274 / 283 ms instead
 * of 461 / 591 / 538 ms, and a 256-pixel forward pass 184 / 177 ms instead of 407 / 447 ms (JVMs alternating with
 * {@code -D}{@value #PROPERTY}{@code =true / false}, {@code ./diffusion bench --train} and {@code bench --sizes};
 * README, "Freed memory kept").
 *
 * <p>The cost: memory libtorch freed stays in the process (for its next tensors) rather than going back to the
 * system; resident memory after a large run stays near its peak. {@code -D}{@value #PROPERTY}{@code =false}
 * leaves glibc as it is; so does any {@code GLIBC_TUNABLES} or {@code MALLOC_TOP_PAD_} the user set. Where there
 * is no glibc (Windows, macOS, musl) nothing is done.
 */
public final class NativeHeap {
    /** {@code -Ddiffusionj.keepFreedMemory=false}: leave glibc's malloc settings alone. */
    public static final String PROPERTY = "diffusionj.keepFreedMemory";
    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;
    static final int TOP_PAD = 64 << 20;
    static final int MMAP_THRESHOLD = 32 << 20;
    private static final Logger LOG = Logger.getLogger(NativeHeap.class.getName());
    private static Boolean applied;

    private NativeHeap() {
    }

    /** Sets the two switches once per process; returns whether they are in force (false: left alone or no glibc). */
    static synchronized boolean keepFreedMemory() {
        if (applied == null) {
            applied = apply();
        }
        return applied;
    }

    /** For a user's log (Train Prior, Device Check): whether freed native memory is kept for reuse. */
    public static String describe() {
        return keepFreedMemory()
                ? "freed tensors kept for reuse (glibc M_TOP_PAD 64 MB; -D" + PROPERTY + "=false returns them to the "
                        + "system at some 2x the time per step)"
                : "the C library's own settings (turned off by -D" + PROPERTY + "=false or GLIBC_TUNABLES, or no "
                        + "glibc; on Linux training and sampling then take about 2x as long: README, Speed)";
    }

    private static boolean apply() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || userTuned()) {
            return false;
        }
        try {
            var mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            // mallopt returns 1 on success; the threshold first, as setting either one fixes both
            return mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1
                    && mallopt.invokeInt(new Object[] {M_TOP_PAD, TOP_PAD}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.log(Level.FINE, "malloc left as it is: no glibc mallopt", e);
            return false;
        }
    }

    private static boolean userTuned() {
        String tunables = System.getenv("GLIBC_TUNABLES");
        return (tunables != null && tunables.contains("glibc.malloc.")) || System.getenv("MALLOC_TOP_PAD_") != null
                || System.getenv("MALLOC_MMAP_THRESHOLD_") != null;
    }
}
