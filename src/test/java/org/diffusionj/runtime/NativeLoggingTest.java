package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLoggingTest {
    /** c10's severities: INFO 0, WARNING 1, ERROR 2. */
    private static final int ERROR = 2;

    @Test
    void libtorchLogsOnlyErrorsOnceTheRuntimeHasStarted() {
        TorchRuntime.select(DeviceChoice.CPU);
        Path c10 = NativeLogging.loaded("libc10.so").orElseThrow(() -> new AssertionError("libc10.so not mapped"));
        assertTrue(c10.isAbsolute(), c10.toString());
        int level = NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress("FLAGS_caffe2_log_level")
                .getInt(0);
        assertEquals(System.getenv(NativeLogging.VARIABLE) == null ? ERROR : level, level,
                "c10's level after the start (the user's TORCH_CPP_LOG_LEVEL wins where set)");
    }
}
