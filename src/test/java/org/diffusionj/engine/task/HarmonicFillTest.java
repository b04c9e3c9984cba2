package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class HarmonicFillTest {

    private static Tensor ramp(int w, int h) {
        Tensor img = new Tensor(1, 1, h, w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.set(0, 0, y, x, 10 + 3 * x - 2 * y);
            }
        }
        return img;
    }

    private static boolean[] square(int w, int x0, int y0, int side, int h) {
        boolean[] m = new boolean[w * h];
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                m[y * w + x] = true;
            }
        }
        return m;
    }

    @Test
    void reproducesALinearRampInsideAHole() {
        Tensor truth = ramp(32, 32);
        boolean[] hole = square(32, 8, 8, 12, 32);
        Tensor damaged = truth.copy();
        for (int i = 0; i < hole.length; i++) {
            damaged.data()[i] = hole[i] ? 0 : damaged.data()[i];
        }
        HarmonicFill.Solution s = HarmonicFill.fill(damaged, hole);
        assertTrue(s.converged());
        assertTrue(s.sweeps() < 1000, "SOR took " + s.sweeps() + " sweeps");
        for (int i = 0; i < hole.length; i++) {
            assertEquals(truth.data()[i], s.image().data()[i], 1e-3, "pixel " + i);
        }
    }

    @Test
    void aHoleAtTheImageEdgeGetsAReflectingBorder() {
        // a ramp along x has no slope across the top edge, so the Neumann border keeps it exact
        Tensor truth = new Tensor(1, 1, 16, 16);
        for (int i = 0; i < truth.data().length; i++) {
            truth.data()[i] = 5 * (i % 16);
        }
        boolean[] hole = square(16, 4, 0, 6, 16);
        HarmonicFill.Solution s = HarmonicFill.fill(truth, hole);
        assertTrue(s.converged());
        for (int i = 0; i < hole.length; i++) {
            assertEquals(truth.data()[i], s.image().data()[i], 1e-3);
        }
    }

    @Test
    void keepsTheKnownPixelsAndFillsEachChannel() {
        // a ramp across the line: the reflecting border at its ends agrees with it
        Tensor rgb = new Tensor(1, 3, 10, 10);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    rgb.set(0, c, y, x, 10 * c + 3 * y);
                }
            }
        }
        boolean[] line = new boolean[100];
        for (int x = 0; x < 10; x++) {
            line[50 + x] = true;
        }
        Tensor damaged = rgb.copy();
        for (int c = 0; c < 3; c++) {
            for (int x = 0; x < 10; x++) {
                damaged.set(0, c, 5, x, 1000);
            }
        }
        Tensor filled = HarmonicFill.fill(damaged, line).image();
        for (int i = 0; i < rgb.data().length; i++) {
            if (!line[i % 100]) {
                assertEquals(damaged.data()[i], filled.data()[i]);
            } else {
                assertEquals(rgb.data()[i], filled.data()[i], 1e-3);
            }
        }
    }

    @Test
    void thicknessIsTheShorterRunOfTheWidestPart() {
        assertEquals(12, HarmonicFill.thickness(square(32, 8, 8, 12, 32), 32, 32));
        boolean[] row = new boolean[64];
        for (int x = 0; x < 8; x++) {
            row[24 + x] = true;
        }
        assertEquals(1, HarmonicFill.thickness(row, 8, 8));
        assertEquals(0, HarmonicFill.thickness(new boolean[64], 8, 8));
    }

    @Test
    void anEmptyMaskChangesNothing() {
        Tensor img = ramp(8, 8);
        HarmonicFill.Solution s = HarmonicFill.fill(img, new boolean[64]);
        assertTrue(s.converged());
        assertEquals(0, s.sweeps());
        assertEquals(img.data()[9], s.image().data()[9]);
    }
}
