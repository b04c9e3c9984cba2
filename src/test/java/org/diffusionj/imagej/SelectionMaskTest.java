package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import org.junit.jupiter.api.Test;

class SelectionMaskTest {
    private static final int W = 40;
    private static final int H = 30;

    @Test
    void rectangleIsOneInsideZeroOutside() {
        float[] m = SelectionMask.of(new Roi(10, 5, 8, 6), W, H, 0, 0);
        assertEquals(48, sum(m), 0);
        assertEquals(1f, m[5 * W + 10]);
        assertEquals(0f, m[5 * W + 9]);
    }

    @Test
    void compositeSelectionKeepsItsHole() {
        ShapeRoi outer = new ShapeRoi(new Roi(5, 5, 20, 20));
        ShapeRoi hole = new ShapeRoi(new Roi(10, 10, 5, 5));
        Roi composite = outer.not(hole);
        float[] m = SelectionMask.of(composite, W, H, 0, 0);
        assertEquals(400 - 25, sum(m), 0);
        assertEquals(0f, m[12 * W + 12]);
        assertEquals(1f, m[6 * W + 6]);
    }

    @Test
    void growDilatesByEuclideanDistance() {
        float[] m = SelectionMask.of(new Roi(10, 10, 1, 1), W, H, 2, 0);
        assertEquals(1f, m[10 * W + 12]);
        assertEquals(0f, m[10 * W + 13]);
        assertEquals(0f, m[12 * W + 12], "diagonal distance 2.83 > 2");
    }

    @Test
    void featherRampsInsideOnly() {
        Roi roi = new OvalRoi(5, 5, 20, 20);
        float[] hard = SelectionMask.of(roi, W, H, 0, 0);
        float[] soft = SelectionMask.of(roi, W, H, 0, 4);
        boolean ramp = false;
        for (int i = 0; i < hard.length; i++) {
            if (hard[i] == 0f) {
                assertEquals(0f, soft[i]);
            } else {
                assertTrue(soft[i] > 0f && soft[i] <= 1f);
                ramp |= soft[i] < 1f;
            }
        }
        assertTrue(ramp);
        assertEquals(1f, soft[15 * W + 15], "centre is fully editable");
    }

    @Test
    void onlyAreaSelections() {
        assertFalse(SelectionMask.isArea(new Line(1, 1, 5, 5)));
        assertFalse(SelectionMask.isArea(null));
        assertThrows(IllegalArgumentException.class, () -> SelectionMask.of(new Line(1, 1, 5, 5), W, H, 0, 0));
    }

    @Test
    void keepOutsideRestoresMaskedOutPixels() {
        float[] result = {9, 9, 9};
        SelectionMask.keepOutside(result, new float[] {1, 1, 1}, new float[] {0, 0.5f, 1});
        assertEquals(1f, result[0]);
        assertEquals(5f, result[1]);
        assertEquals(9f, result[2]);
    }

    private static float sum(float[] m) {
        float s = 0;
        for (float v : m) {
            s += v;
        }
        return s;
    }
}
