package org.diffusionj.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestepSpacingTest {

    @Test
    void leadingTrailingAndLinspaceMatchTheirDefinitions() {
        assertArrayEquals(new int[] {900, 800, 700, 600, 500, 400, 300, 200, 100, 0},
                TimestepSpacing.LEADING.timesteps(1000, 10, 0));
        assertArrayEquals(new int[] {999, 899, 799, 699, 599, 499, 399, 299, 199, 99},
                TimestepSpacing.TRAILING.timesteps(1000, 10, 0));
        assertArrayEquals(new int[] {999, 888, 777, 666, 555, 444, 333, 222, 111, 0},
                TimestepSpacing.LINSPACE.timesteps(1000, 10, 0));
        assertArrayEquals(new int[] {999, 666, 332}, TimestepSpacing.TRAILING.timesteps(1000, 3, 0));
    }

    @Test
    void offsetShiftsLeadingOnly() {
        assertArrayEquals(new int[] {801, 601, 401, 201, 1}, TimestepSpacing.LEADING.timesteps(1000, 5, 1));
        assertArrayEquals(TimestepSpacing.TRAILING.timesteps(1000, 5, 0), TimestepSpacing.TRAILING.timesteps(1000, 5, 1));
    }

    @Test
    void linspaceHasFractionalPoints() {
        double[] f = TimestepSpacing.LINSPACE.fractionalTimesteps(1100, 10, 0);
        assertEquals(1099, f[0], 0);
        assertEquals(1099 * 8 / 9.0, f[1], 1e-9);
        assertEquals(0, f[9], 0);
        assertArrayEquals(new int[] {999}, TimestepSpacing.LINSPACE.timesteps(1000, 1, 0));
    }

    @Test
    void stepCountsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimestepSpacing.LEADING.timesteps(1000, 0, 0));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.TRAILING.timesteps(1000, 1001, 0));
        assertTrue(e.getMessage().contains("(1001) cannot exceed") && e.getMessage().contains("T = 1000"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TimestepSpacing.LEADING.timesteps(1000, 1000, 1));
        assertTrue(e.getMessage().contains("beyond T-1"), e.getMessage());
    }

    @Test
    void cubicCrowdsTheLowNoiseLevelsAndStaysStrictlyDecreasing() {
        assertArrayEquals(new int[] {900, 632, 423, 267, 154, 79, 33, 10, 1, 0},
                TimestepSpacing.CUBIC.timesteps(1000, 10, 0));
        int[] fifty = TimestepSpacing.CUBIC.timesteps(1000, 50, 0);
        assertEquals(980, fifty[0], "starts where LEADING starts");
        assertEquals(0, fifty[49]);
        for (int i = 1; i < fifty.length; i++) {
            assertTrue(fifty[i] < fifty[i - 1], "strictly decreasing at " + i);
        }
        assertEquals(14, java.util.Arrays.stream(fifty).filter(t -> t < 20).count(), "14 of 50 steps below 20");
        assertArrayEquals(new int[] {0}, TimestepSpacing.CUBIC.timesteps(1000, 1, 0), "as LEADING");
    }

    @Test
    void namesRoundTripAndUnknownOnesAreListed() {
        for (TimestepSpacing s : TimestepSpacing.values()) {
            assertEquals(s, TimestepSpacing.fromName(s.key()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimestepSpacing.fromName("karras"));
        assertTrue(e.getMessage().contains("'karras'") && e.getMessage().contains("leading, trailing, linspace"),
                e.getMessage());
    }
}
