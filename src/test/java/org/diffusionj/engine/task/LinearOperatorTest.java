package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.junit.jupiter.api.Test;

/** The three degradations and their pseudo-inverses, one contract for all, then each one's specifics. */
class LinearOperatorTest {

    private static final GaussianNoise NOISE = new GaussianNoise(3);

    /** Each operator with an input shape it accepts. */
    private static List<Object[]> operators() {
        Tensor binary = TaskFixtures.maskRowsFirst(8, 12, 2, 5, 3, 9);
        Tensor known = Tensors.axpby(-1, binary, 0, binary);
        known = Tensors.add(known, Tensors.full(known, 1));
        return List.of(new Object[] {new MaskOperator(known), new int[] {2, 3, 8, 12}},
                new Object[] {new LumaOperator(), new int[] {2, 3, 8, 12}},
                new Object[] {new AveragePool(2), new int[] {2, 3, 8, 12}},
                new Object[] {new AveragePool(4), new int[] {1, 1, 8, 12}});
    }

    private static Tensor random(int[] s) {
        return NOISE.next(s[0], s[1], s[2], s[3]);
    }

    @Test
    void pseudoInverseIsARightInverseAndProjectionsAreIdempotent() {
        for (Object[] case_ : operators()) {
            LinearOperator a = (LinearOperator) case_[0];
            Tensor x = random((int[]) case_[1]);
            Tensor y = a.apply(random((int[]) case_[1]));
            // A A+ y = y for y in the range of A
            assertEquals(0, Tensors.maxAbsDiff(a.apply(a.pseudoInverse(y)), y), 1e-6, a.getClass().getSimpleName());
            // A+ A is a projection: applying it twice changes nothing
            Tensor once = a.pseudoInverse(a.apply(x));
            assertEquals(0, Tensors.maxAbsDiff(a.pseudoInverse(a.apply(once)), once), 1e-6);
        }
    }

    @Test
    void projectionMeetsTheObservationAndKeepsTheNullSpace() {
        for (Object[] case_ : operators()) {
            LinearOperator a = (LinearOperator) case_[0];
            Tensor x = random((int[]) case_[1]);
            Tensor y = a.apply(random((int[]) case_[1]));
            Tensor projected = NullSpaceProjection.project(a, x, y, 1);
            assertEquals(0, Tensors.maxAbsDiff(a.apply(projected), y), 1e-6);
            Tensor nullBefore = Tensors.sub(x, a.pseudoInverse(a.apply(x)));
            Tensor nullAfter = Tensors.sub(projected, a.pseudoInverse(a.apply(projected)));
            assertEquals(0, Tensors.maxAbsDiff(nullBefore, nullAfter), 1e-6);
            assertArrayEquals(x.shape(), projected.shape());
        }
    }

    @Test
    void lambdaScalesTheCorrection() {
        LinearOperator a = new AveragePool(2);
        Tensor x = random(new int[] {1, 1, 4, 4});
        Tensor y = a.apply(random(new int[] {1, 1, 4, 4}));
        Tensor none = NullSpaceProjection.project(a, x, y, 0);
        assertArrayEquals(x.data(), none.data());
        Tensor half = NullSpaceProjection.project(a, x, y, 0.5);
        Tensor expected = Tensors.scale(0.5, Tensors.add(a.apply(x), y));
        assertEquals(0, Tensors.maxAbsDiff(a.apply(half), expected), 1e-6);
    }

    @Test
    void averagePoolAveragesBlocksAndReplicates() {
        Tensor x = new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 2, 4);
        Tensor pooled = new AveragePool(2).apply(x);
        assertArrayEquals(new float[] {3.5f, 5.5f}, pooled.data());
        Tensor up = new AveragePool(2).pseudoInverse(pooled);
        assertArrayEquals(new float[] {3.5f, 3.5f, 5.5f, 5.5f, 3.5f, 3.5f, 5.5f, 5.5f}, up.data());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AveragePool(4).apply(x));
        assertTrue(e.getMessage().contains("4 x 4 needs a size divisible by it"), e.getMessage());
    }

    @Test
    void averagePoolAlongRowsOnlyIsAnAxialSection() {
        Tensor x = new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 4, 2);
        AveragePool z = new AveragePool(2, 1);
        assertArrayEquals(new float[] {2, 3, 6, 7}, z.apply(x).data());
        assertArrayEquals(new float[] {2, 3, 2, 3, 6, 7, 6, 7}, z.pseudoInverse(z.apply(x)).data());
        assertArrayEquals(z.apply(x).data(), z.apply(z.pseudoInverse(z.apply(x))).data(), "A A+ A = A");
    }

    @Test
    void lumaIsTheChannelMeanAndItsInverseCopies() {
        Tensor rgb = new Tensor(new float[] {3, 0, 6, 3, 0, 0}, 1, 3, 1, 2);
        assertArrayEquals(new float[] {3, 1}, new LumaOperator().apply(rgb).data());
        assertArrayEquals(new float[] {3, 1, 3, 1, 3, 1},
                new LumaOperator().pseudoInverse(new Tensor(new float[] {3, 1}, 1, 1, 1, 2)).data());
        assertThrows(IllegalArgumentException.class, () -> new LumaOperator().apply(new Tensor(1, 1, 2, 2)));
    }

    @Test
    void maskKeepsKnownPixelsBitForBit() {
        Tensor known = new Tensor(new float[] {1, 0, 0.25f, 1}, 1, 1, 2, 2);
        MaskOperator m = new MaskOperator(known);
        Tensor original = new Tensor(new float[] {0.1f, 0.2f, 0.3f, 1e-9f, 7, 8, 9, 65535.77f}, 1, 2, 2, 2);
        Tensor generated = new Tensor(new float[] {5, 6, 7, 8, 1, 2, 3, 4}, 1, 2, 2, 2);
        Tensor out = m.keepKnown(generated, original);
        assertEquals(original.get(0, 0, 0, 0), out.get(0, 0, 0, 0));
        assertEquals(original.get(0, 1, 1, 1), out.get(0, 1, 1, 1));
        assertEquals(generated.get(0, 0, 0, 1), out.get(0, 0, 0, 1));
        assertEquals(0.25 * 0.3 + 0.75 * 7, out.get(0, 0, 1, 0), 1e-6);
        assertEquals(0, m.maxKnownDifference(out, original));
        assertArrayEquals(new float[] {0.1f, 0, 0.075f, 1e-9f, 7, 0, 2.25f, 65535.77f}, m.apply(original).data());
    }

    @Test
    void maskChecksItsWeightsAndSize() {
        assertThrows(IllegalArgumentException.class, () -> new MaskOperator(new Tensor(new float[] {2}, 1, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new MaskOperator(new Tensor(1, 3, 2, 2)));
        MaskOperator m = new MaskOperator(new Tensor(1, 1, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.apply(new Tensor(1, 1, 3, 2)));
        assertTrue(e.getMessage().contains("Mask is 2 x 2"), e.getMessage());
    }
}
