package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLoggingTest {
    @Test
    void libtorchLogsOnlyErrorsOnceTheRuntimeHasStarted() {
        assumeTrue(System.getenv(NativeLogging.VARIABLE) == null, "a level set by the user is left alone");
        TorchRuntime.select(DeviceChoice.CPU);
        Path c10 = NativeLogging.loaded("libc10.so").orElseThrow(() -> new AssertionError("libc10.so not mapped"));
        assertTrue(c10.isAbsolute(), c10.toString());
        int level = NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level")
                .getInt(0);
        assertEquals(NativeLogging.ERROR, level, "c10's level after the start (its default is WARNING, 1)");
    }
}
