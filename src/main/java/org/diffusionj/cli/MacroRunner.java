package org.diffusionj.cli;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.diffusionj.imagej.UserMessages;

/**
 * {@code ./diffusion macro FILE.ijm [ARG]}: runs an ImageJ macro with ImageJ's own interpreter, headless,
 * with the Diffusion commands installed ({@link HeadlessImageJ}). {@code getArgument()} returns ARG. The
 * exit status is 1 when the macro or a command failed.
 */
public final class MacroRunner {
    private MacroRunner() {
    }

    public static int run(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: ./diffusion macro FILE.ijm [ARG]");
            return 2;
        }
        Path file = Paths.get(args[0]);
        String macro;
        try {
            macro = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Error: cannot read the macro " + file + " (" + e.getMessage() + ")");
            return 2;
        }
        return runMacro(macro, args.length > 1 ? args[1] : "");
    }

    /** Runs {@code macro} with {@code argument}; 0 on success, 1 when it or a command failed. */
    public static int runMacro(String macro, String argument) {
        HeadlessImageJ.start();
        UserMessages.clearLastError();
        Interpreter.batchMode = true;
        Interpreter interpreter = new Interpreter();
        PrintStream out = System.out;
        QuietTraces quiet = new QuietTraces(out);
        System.setOut(quiet);
        try {
            interpreter.run(macro, argument);
        } catch (RuntimeException e) {
            // exit("...") ends a macro with ImageJ's abort signal after printing its message; ImageJ reports
            // its own macro errors through a dialog, which fails without a display, but keeps the message.
            if (interpreter.getErrorMessage() == null && !ij.Macro.MACRO_CANCELED.equals(e.getMessage())) {
                System.err.println("Error: " + UserMessages.describe(e));
                return 1;
            }
        } finally {
            System.setOut(out);
            closeImages();
        }
        if (interpreter.wasError() && interpreter.getErrorMessage() != null && UserMessages.lastError() == null) {
            System.err.println("Macro error: " + interpreter.getErrorMessage());
            return 1;
        }
        return UserMessages.lastError() != null || interpreter.wasError() || quiet.failed ? 1 : 0;
    }

    /** Closes the images a run left open, so that the next run in this JVM starts with none. */
    static void closeImages() {
        for (int id : Interpreter.getBatchModeImageIDs()) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null) {
                Interpreter.removeBatchModeImage(imp);
                imp.close();
            }
        }
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null) {
                imp.close();
            }
        }
        WindowManager.setTempCurrentImage(null);
    }

    /**
     * Standard output with one clear line instead of the stack trace ImageJ logs when one of its own commands
     * tries to open a dialog without a display; the macro is stopped there.
     */
    static final class QuietTraces extends PrintStream {
        private volatile boolean failed;

        QuietTraces(OutputStream target) {
            super(target, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String s) {
            if (s != null && s.startsWith("java.awt.HeadlessException")) {
                failed = true;
                Interpreter macro = Interpreter.getInstance();
                String where = macro == null ? "" : " (macro line " + macro.getLineNumber() + ")";
                System.err.println("Error: an ImageJ command" + where + " opens a dialog, which needs a display. "
                        + "Use a built-in macro function instead, or run under a display: xvfb-run ./diffusion macro ...");
                if (macro != null) {
                    macro.abortMacro();
                }
                return;
            }
            super.println(s);
        }
    }
}
