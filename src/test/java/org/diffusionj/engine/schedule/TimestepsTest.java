package org.diffusionj.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestepsTest {

    private static final int[] GRID = TimestepSpacing.LEADING.timesteps(1000, 10, 0);

    @Test
    void keepsTheTailOfTheGrid() {
        assertArrayEquals(new int[] {200, 100, 0}, Timesteps.forStrength(GRID, 0.3));
        assertArrayEquals(GRID, Timesteps.forStrength(GRID, 1.0));
        assertEquals(0, Timesteps.forStrength(GRID, 0.0).length);
        assertEquals(7, Timesteps.startIndex(10, 0.3));
        // int(N * strength) as in diffusers: 100 * 0.29 = 28.999... keeps 28
        assertEquals(28, Timesteps.keptSteps(100, 0.29));
    }

    @Test
    void strengthOutsideTheUnitIntervalIsRejected() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Timesteps.forStrength(GRID, bad));
            assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
    }
}
