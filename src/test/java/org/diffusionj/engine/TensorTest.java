package org.diffusionj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void wrapsWithoutCopying() {
        float[] data = new float[24];
        Tensor t = new Tensor(data, 2, 3, 2, 2);
        assertSame(data, t.data());
        t.set(1, 2, 1, 0, 7f);
        assertEquals(7f, data[((1 * 3 + 2) * 2 + 1) * 2]);
        assertEquals(24, t.size());
        assertEquals(12, t.itemSize());
    }

    @Test
    void rejectsMismatchedLengthsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor(new float[5], 1, 1, 2, 2));
        assertTrue(e.getMessage().contains("5 values") && e.getMessage().contains("needs 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor(0, 1, 1, 1));
    }

    @Test
    void copySampleAndStack() {
        Tensor t = DummyData.sample();
        Tensor copy = t.copy();
        copy.data()[0] = 42;
        assertTrue(t.data()[0] != 42);
        Tensor first = t.sample(0);
        Tensor last = t.sample(3);
        assertEquals(1, first.batch());
        assertEquals(t.get(3, 2, 7, 7), last.get(0, 2, 7, 7));
        Tensor both = Tensor.stack(first, last);
        assertEquals(2, both.batch());
        assertArrayEquals(last.data(), both.sample(1).data());
        assertThrows(IllegalArgumentException.class, () -> Tensor.stack(first, new Tensor(1, 1, 8, 8)));
        assertEquals(0, Tensors.sumAbs(t.zerosLike()), 0);
    }
}
