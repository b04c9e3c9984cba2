package org.diffusionj.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KarrasSigmasTest {

    @Test
    void spansTheRangeDescending() {
        double[] s = KarrasSigmas.sigmas(10, 0.002, 80, 7);
        assertEquals(80, s[0], 1e-9);
        assertEquals(0.002, s[9], 1e-12);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] < s[i - 1]);
        }
    }

    @Test
    void rhoOneIsLinear() {
        assertArrayEquals(new double[] {3, 2, 1}, KarrasSigmas.sigmas(3, 1, 3, 1), 1e-12);
        assertArrayEquals(new double[] {5}, KarrasSigmas.sigmas(1, 1, 5, 7), 1e-12);
    }

    @Test
    void forScheduleSpansTheWholeTable() {
        NoiseSchedule s = NoiseSchedule.linear(1000, 1e-4, 0.02);
        double[] k = KarrasSigmas.forSchedule(s, 5);
        assertEquals(s.sigmaMax(), k[0], 1e-9);
        assertEquals(s.sigmaMin(), k[4], 1e-12);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> KarrasSigmas.sigmas(0, 1, 2, 7));
        assertThrows(IllegalArgumentException.class, () -> KarrasSigmas.sigmas(3, 2, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> KarrasSigmas.sigmas(3, 0, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> KarrasSigmas.sigmas(3, 1, 2, 0));
    }
}
