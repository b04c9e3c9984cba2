package org.diffusionj.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class SeamMetricTest {

    @Test
    void aUniformGradientHasRatioOne() {
        Tensor t = new Tensor(1, 1, 40, 40);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                t.set(0, 0, i, j, 0.5f * j + 0.5f * i);
            }
        }
        assertEquals(1, SeamMetric.ratio(t, TilePlan.cover(40, 40, 16, 4)), 1e-9);
    }

    @Test
    void aStepAtATileBorderShows() {
        TilePlan plan = TilePlan.cover(40, 40, 16, 4);
        int border = plan.columnStarts()[1];
        Tensor t = new Tensor(1, 1, 40, 40);
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                t.set(0, 0, i, j, 0.1f * j + (j >= border ? 5 : 0));
            }
        }
        assertTrue(SeamMetric.ratio(t, plan) > 5);
    }

    @Test
    void aConstantImageOrASingleTileHasNothingToMeasure() {
        assertEquals(1, SeamMetric.ratio(new Tensor(1, 1, 8, 8), TilePlan.cover(8, 8, 16, 4)));
        assertEquals(1, SeamMetric.ratio(new Tensor(1, 1, 40, 40), TilePlan.cover(40, 40, 16, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> SeamMetric.ratio(new Tensor(1, 1, 8, 9), TilePlan.cover(8, 8, 16, 4)));
    }
}
