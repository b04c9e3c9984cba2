package org.diffusionj.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a macro through ImageJ's real interpreter, headless, capturing what it prints. */
final class HeadlessMacro {
    /** The exit status and the printed text. */
    record Run(int status, String output) {
    }

    private HeadlessMacro() {
    }

    static Run run(String macro, String argument) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(text, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int status = MacroRunner.runMacro(macro, argument);
            return new Run(status, text.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldOut.print(text.toString(StandardCharsets.UTF_8));
        }
    }
}
