package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DefectsTest {

    private static boolean row(boolean[] m, int w, int y) {
        for (int x = 0; x < w; x++) {
            if (!m[y * w + x]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyDefectIsSeededSmallAndNotEmpty() {
        for (Defects d : Defects.values()) {
            boolean[] m = d.mask(64, 64, 7);
            assertArrayEquals(m, d.mask(64, 64, 7), d.label());
            assertFalse(Arrays.equals(m, d.mask(64, 64, 8)) && d != Defects.HOLE, d.label());
            int n = Defects.count(m);
            assertTrue(n > 0 && n < 64 * 64 / 4, d.label() + " covers " + n + " pixels");
        }
    }

    @Test
    void deadLinesAreTwoFullRowsAndAColumn() {
        boolean[] m = Defects.DEAD_LINES.mask(64, 48, 3);
        int rows = 0;
        for (int y = 0; y < 48; y++) {
            rows += row(m, 64, y) ? 1 : 0;
        }
        assertEquals(3, rows);
        int columns = 0;
        for (int x = 0; x < 64; x++) {
            boolean full = true;
            for (int y = 0; y < 48; y++) {
                full &= m[y * 64 + x];
            }
            columns += full ? 1 : 0;
        }
        assertEquals(1, columns);
        assertEquals(3 * 64 + 48 - 3, Defects.count(m));
    }

    @Test
    void scanLinesFollowAPeriodOfEightRows() {
        boolean[] m = Defects.SCAN_LINES.mask(64, 64, 5);
        int first = -1;
        for (int y = 0; y < 64; y++) {
            boolean any = false;
            for (int x = 0; x < 64; x++) {
                any |= m[y * 64 + x];
            }
            if (any && first < 0) {
                first = y;
            }
            assertEquals(first >= 0 && (y - first) % 8 == 0, any, "row " + y);
        }
    }

    @Test
    void theHoleIsACentredSquareOfThreeEighths() {
        boolean[] m = Defects.HOLE.mask(64, 64, 1);
        assertEquals(24 * 24, Defects.count(m));
        assertTrue(m[20 * 64 + 20] && m[43 * 64 + 43]);
        assertFalse(m[19 * 64 + 20] || m[44 * 64 + 43]);
    }

    @Test
    void scratchesAndSpotsAreAFewPixelsWide() {
        for (Defects d : new Defects[] {Defects.SCRATCHES, Defects.SPOTS}) {
            boolean[] m = d.mask(64, 64, 11);
            assertTrue(org.diffusionj.engine.task.HarmonicFill.thickness(m, 64, 64) <= 6, d.label());
        }
    }

    @Test
    void asImageUsesOneForChange() {
        FloatImage img = Defects.asImage(new boolean[] {true, false}, 2, 1);
        assertArrayEquals(new float[] {1, 0}, img.data());
    }
}
