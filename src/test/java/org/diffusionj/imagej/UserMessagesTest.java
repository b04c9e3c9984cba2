package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import org.diffusionj.runtime.ModelPackageException;
import org.junit.jupiter.api.Test;

class UserMessagesTest {
    @Test
    void describesFailuresInOneSentence() {
        assertEquals("steps: 'x' is not a number", UserMessages.describe(new IllegalArgumentException("steps: 'x' is not a number")));
        assertTrue(UserMessages.describe(new OutOfMemoryError()).startsWith("out of memory"));
        assertEquals("NullPointerException: boom", UserMessages.describe(new NullPointerException("boom")));
        assertTrue(UserMessages.describe(new RuntimeException()).contains("DIFFUSIONJ_DEBUG"));
        assertEquals("first", UserMessages.describe(new IllegalStateException("first\nsecond")));
        assertTrue(UserMessages.describe(new RuntimeException(new ModelPackageException(Paths.get("m"), "bad")))
                .contains("bad"));
    }

    @Test
    void headlessFailurePrintsOneLineAndIsRemembered() {
        PrintStream old = System.err;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        System.setErr(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            UserMessages.clearLastError();
            UserMessages.fail("Diffusion Colorize", new IllegalArgumentException("no image is open"));
        } finally {
            System.setErr(old);
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        assertEquals("Error: Diffusion Colorize: no image is open", printed.strip());
        assertEquals("Diffusion Colorize: no image is open", UserMessages.lastError());
        assertFalse(printed.contains("\tat "));
    }

    @Test
    void imageJsOwnAbortSignalPassesThrough() {
        RuntimeException abort = new RuntimeException(Macro.MACRO_CANCELED);
        assertThrows(RuntimeException.class, () -> UserMessages.fail("x", abort));
    }
}
