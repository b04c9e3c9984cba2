package org.diffusionj.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateTest {
    @Test
    void longRunsWarmUpOverTheRecipesSteps() {
        assertEquals(200, LearningRate.warmup(7000));
        assertEquals(200, LearningRate.warmup(4000));
        // the recipe (tools/model/train.py): (step + 1) / 200 of the peak during warm-up
        assertEquals(1e-4 * 100 / 200.0, LearningRate.at(1e-4, 99, 7000)
                / (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 99 / 7000))), 1e-12);
    }

    @Test
    void shortRunsWarmUpOverOneTwentiethOfTheirSteps() {
        assertEquals(28, LearningRate.warmup(568));
        assertEquals(1, LearningRate.warmup(10));
        double peakNearby = LearningRate.at(1e-4, 27, 568);
        assertTrue(peakNearby > 0.99e-4, "the peak is reached after the warm-up: " + peakNearby);
        assertTrue(LearningRate.at(1e-4, 13, 568) < 0.55e-4, "half-way up the warm-up");
    }

    @Test
    void decaysToOneTenthOfThePeak() {
        assertEquals(1e-5, LearningRate.at(1e-4, 568, 568), 1e-12);
        assertEquals(LearningRate.at(1e-4, 0, 1), 1e-4, 1e-12);
    }
}
