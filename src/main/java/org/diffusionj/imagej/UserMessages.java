package org.diffusionj.imagej;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.diffusionj.runtime.ModelPackageException;
import org.diffusionj.runtime.RuntimeUnavailableException;

/**
 * The one place where a command's failure reaches the user: a single clear sentence, never a stack
 * trace. Interactively an error dialog; in a running macro a macro error that stops it; headless, or in a
 * batch run without ImageJ's window ({@code ij.ImageJ -batch}), one line on standard error, the macro
 * stopped, and the failure remembered for the exit status.
 */
public final class UserMessages {
    private static volatile String lastError;

    private UserMessages() {
    }

    /** Whether no dialog may be shown: no display, a macro is supplying the options, or a batch run. */
    public static boolean batch() {
        return GraphicsEnvironment.isHeadless() || Macro.getOptions() != null || batchRun();
    }

    /**
     * Whether a macro runs without ImageJ's window ({@code ij.ImageJ -batch}): nobody is there to answer a
     * dialog, so a command run without options takes its defaults, and an error is one line, not a dialog.
     */
    public static boolean batchRun() {
        return Interpreter.getInstance() != null && IJ.getInstance() == null;
    }

    /** Reports {@code error} raised by {@code command}; rethrows ImageJ's own macro-abort signal. */
    public static void fail(String command, Throwable error) {
        if (error instanceof RuntimeException && Macro.MACRO_CANCELED.equals(error.getMessage())) {
            throw (RuntimeException) error;
        }
        String message = describe(error);
        lastError = command + ": " + message;
        if (debug()) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            IJ.log(trace.toString());
        }
        Interpreter macro = Interpreter.getInstance();
        if (GraphicsEnvironment.isHeadless() || batchRun()) {
            // headless, or a batch run without ImageJ's window (ij.ImageJ -batch): a macro error dialog there
            // waits for a click that never comes, so the job would hang
            System.err.println("Error: " + lastError);
            if (macro != null) {
                macro.abortMacro();
            }
        } else if (macro != null) {
            macro.abort(lastError);
        } else {
            IJ.error(command, message);
        }
    }

    /** Reports a cancellation (Esc): a status line, and the macro stopped if one is running. */
    public static void cancelled(String command) {
        IJ.resetEscape();
        IJ.showProgress(1.0);
        IJ.showStatus(command + " cancelled");
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println(command + " cancelled");
        }
        Interpreter macro = Interpreter.getInstance();
        if (macro != null) {
            macro.abortMacro();
        }
    }

    /** The last failure reported in this JVM, or null; {@link #clearLastError()} resets it. */
    public static String lastError() {
        return lastError;
    }

    public static void clearLastError() {
        lastError = null;
    }

    /** One sentence for any failure. */
    public static String describe(Throwable error) {
        if (error instanceof OutOfMemoryError) {
            return "out of memory. Use a smaller tile (tile=256), fewer samples, or give Java more memory "
                    + "(Edit > Options > Memory & Threads).";
        }
        Throwable e = error;
        while (e.getMessage() == null && e.getCause() != null) {
            e = e.getCause();
        }
        String message = e.getMessage();
        boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException || e instanceof ModelPackageException
                || e instanceof RuntimeUnavailableException || e instanceof java.io.UncheckedIOException;
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName() + " (set DIFFUSIONJ_DEBUG=1 for details)";
        }
        message = firstLine(message);
        return expected ? message : e.getClass().getSimpleName() + ": " + message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean debug() {
        return System.getenv("DIFFUSIONJ_DEBUG") != null || Boolean.getBoolean("diffusionj.debug");
    }
}
