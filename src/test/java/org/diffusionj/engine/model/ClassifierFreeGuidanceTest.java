package org.diffusionj.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class ClassifierFreeGuidanceTest {

    /** Outputs, for each batch item, the first entry of its condition everywhere; records batch sizes. */
    private static final class ConditionEcho implements Denoiser {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public Tensor predict(Tensor x, long[] t, float[][] cond) {
            batches.add(x.batch());
            assertEquals(x.batch(), t.length);
            Tensor out = x.zerosLike();
            int n = x.itemSize();
            for (int b = 0; b < x.batch(); b++) {
                for (int i = 0; i < n; i++) {
                    out.data()[b * n + i] = cond[b][0] + t[b];
                }
            }
            return out;
        }
    }

    @Test
    void combinesBothPassesInOneBatchedCall() {
        ConditionEcho inner = new ConditionEcho();
        Denoiser cfg = new ClassifierFreeGuidance(inner, new float[] {1}, 7.5);
        Tensor out = cfg.predict(new Tensor(2, 1, 2, 2), new long[] {10, 20}, new float[][] {{3}, {5}});
        assertEquals(List.of(4), inner.batches);
        // u + s (c - u): item 0: 11 + 7.5 (13 - 11) = 26; item 1: 21 + 7.5 (25 - 21) = 51
        assertEquals(26, out.get(0, 0, 1, 1), 1e-5);
        assertEquals(51, out.get(1, 0, 0, 0), 1e-5);
    }

    @Test
    void scaleOneOrLessRunsTheConditionalPassOnly() {
        ConditionEcho inner = new ConditionEcho();
        Tensor out = new ClassifierFreeGuidance(inner, new float[] {1}, 1.0)
                .predict(new Tensor(1, 1, 1, 1), new long[] {0}, new float[][] {{3}});
        assertEquals(List.of(1), inner.batches);
        assertEquals(3, out.data()[0], 0);
    }

    @Test
    void wrapAppliesOnlyWhenGuidanceCan() {
        ConditionEcho inner = new ConditionEcho();
        assertSame(inner, ClassifierFreeGuidance.wrap(inner, Conditioning.none(), 7.5));
        assertSame(inner, ClassifierFreeGuidance.wrap(inner, Conditioning.of(new float[] {1}, null), 7.5));
        assertSame(inner, ClassifierFreeGuidance.wrap(inner, Conditioning.of(new float[] {1}, new float[] {0}), 1));
        assertTrue(ClassifierFreeGuidance.wrap(inner, Conditioning.of(new float[] {1}, new float[] {0}), 2)
                instanceof ClassifierFreeGuidance);
    }

    @Test
    void mismatchedEmbeddingsAreReported() {
        Denoiser cfg = new ClassifierFreeGuidance(new ConditionEcho(), new float[] {1, 2}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cfg.predict(new Tensor(1, 1, 1, 1), new long[] {0}, new float[][] {{3}}));
        assertTrue(e.getMessage().contains("length 1"), e.getMessage());
    }
}
