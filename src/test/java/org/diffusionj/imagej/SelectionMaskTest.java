package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.gui.Line;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import org.junit.jupiter.api.Test;

class SelectionMaskTest {
    private static final int W = 40;
    private static final int H = 30;

    @Test
    void rectangleIsOneInsideZeroOutside() {
        float[] m = SelectionMask.of(new Roi(10, 5, 8, 6), W, H);
        assertEquals(48, sum(m), 0);
        assertEquals(1f, m[5 * W + 10]);
        assertEquals(0f, m[5 * W + 9]);
    }

    @Test
    void compositeSelectionKeepsItsHole() {
        ShapeRoi outer = new ShapeRoi(new Roi(5, 5, 20, 20));
        ShapeRoi hole = new ShapeRoi(new Roi(10, 10, 5, 5));
        Roi composite = outer.not(hole);
        float[] m = SelectionMask.of(composite, W, H);
        assertEquals(400 - 25, sum(m), 0);
        assertEquals(0f, m[12 * W + 12]);
        assertEquals(1f, m[6 * W + 6]);
    }

    @Test
    void onlyAreaSelections() {
        assertFalse(SelectionMask.isArea(new Line(1, 1, 5, 5)));
        assertFalse(SelectionMask.isArea(null));
        assertThrows(IllegalArgumentException.class, () -> SelectionMask.of(new Line(1, 1, 5, 5), W, H));
    }

    private static float sum(float[] m) {
        float s = 0;
        for (float v : m) {
            s += v;
        }
        return s;
    }
}
