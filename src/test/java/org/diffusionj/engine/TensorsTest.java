package org.diffusionj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorsTest {

    private static Tensor of(float... v) {
        return new Tensor(v, 1, 1, 1, v.length);
    }

    @Test
    void elementwiseArithmetic() {
        Tensor x = of(1, -2, 3);
        Tensor y = of(4, 5, -6);
        assertArrayEquals(new float[] {6, 1, 0}, Tensors.axpby(2, x, 1, y).data());
        assertArrayEquals(new float[] {5, 3, -3}, Tensors.add(x, y).data());
        assertArrayEquals(new float[] {-3, -7, 9}, Tensors.sub(x, y).data());
        assertArrayEquals(new float[] {4, -10, -18}, Tensors.mul(x, y).data());
        assertArrayEquals(new float[] {1, 4, 3}, Tensors.combine(1, x, 0, y, -3, of(0, -2, 0)).data());
        assertArrayEquals(new float[] {0.5f, -1, 1.5f}, Tensors.scale(0.5, x).data());
        assertArrayEquals(new float[] {1, -1, 1}, Tensors.clamp(x, -1, 1).data());
        assertArrayEquals(new float[] {1, -2, 3}, x.data(), "arguments are untouched");
    }

    @Test
    void reductions() {
        Tensor x = of(1, -2, 3);
        assertEquals(6, Tensors.sumAbs(x), 0);
        assertEquals(2, Tensors.meanAbs(x), 0);
        assertEquals(2, Tensors.sum(x), 0);
        assertEquals(9, Tensors.maxAbsDiff(x, of(1, -2, -6)), 0);
        assertFalse(Tensors.allFinite(of(1, Float.NaN)));
    }

    @Test
    void shapesMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> Tensors.add(of(1, 2), of(1, 2, 3)));
    }
}
