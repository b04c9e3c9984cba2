package org.diffusionj.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditioningTest {

    @Test
    void noneGivesNullRows() {
        assertTrue(Conditioning.none().isNone());
        assertNull(Conditioning.none().conditionalBatch(3));
    }

    @Test
    void vectorsAreCopiedAndRepeated() {
        float[] c = {1, 2};
        Conditioning cond = Conditioning.of(c, new float[] {0, 0});
        c[0] = 9;
        float[][] rows = cond.conditionalBatch(3);
        assertEquals(3, rows.length);
        assertArrayEquals(new float[] {1, 2}, rows[2]);
        assertArrayEquals(new float[] {0, 0}, cond.unconditionalBatch(1)[0]);
        assertArrayEquals(new float[] {5, 5}, cond.withUnconditional(new float[] {5, 5}).unconditional());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conditioning.of(new float[] {1, 2}, new float[] {1}));
        assertTrue(e.getMessage().contains("length 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Conditioning.of(new float[0], null));
    }
}
