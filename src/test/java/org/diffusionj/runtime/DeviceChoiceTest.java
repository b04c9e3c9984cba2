package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    @Test
    void parsesValuesAndDefaultsToAuto() {
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(null));
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse(""));
        assertEquals(DeviceChoice.GPU, DeviceChoice.parse(" GPU "));
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
        assertTrue(e.getMessage().contains("auto, cpu or gpu"));
    }

    @Test
    void autoSaysWhichDeviceRanAndWhy() {
        DeviceSelection s = TorchRuntime.select(DeviceChoice.AUTO);
        assertFalse(s.reason().isBlank());
        if (!s.isGpu()) {
            assertTrue(s.reason().contains("CUDA"), s.reason());
            var e = assertThrows(RuntimeUnavailableException.class, () -> TorchRuntime.select(DeviceChoice.GPU));
            assertTrue(e.getMessage().contains("device=gpu"), e.getMessage());
        }
    }
}
