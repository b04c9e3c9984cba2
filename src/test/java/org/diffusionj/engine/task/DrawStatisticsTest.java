package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class DrawStatisticsTest {

    private static DrawStatistics of(float[]... draws) {
        DrawStatistics stats = null;
        for (float[] d : draws) {
            Tensor t = new Tensor(d.clone(), 1, 1, 1, d.length);
            if (stats == null) {
                stats = new DrawStatistics(t);
            } else {
                stats.add(t);
            }
        }
        return stats;
    }

    /** Draws linear in their noise: each pair's mean is the centre, and the spread is the odd parts' size. */
    @Test
    void antitheticPairsOfLinearDrawsGiveTheOddPartsSpread() {
        DrawStatistics s = of(new float[] {10 + 3}, new float[] {10 - 3}, new float[] {10 + 1}, new float[] {10 - 1});
        assertEquals(10, s.mean().data()[0], 1e-6);
        // Var O = (9 + 1) / 2; the plain sample SD would be sqrt(20 / 3) = 2.58
        assertEquals(Math.sqrt(5), s.stdDev().data()[0], 1e-6);
    }

    /** Draws even in their noise: both of a pair agree, and the spread is that of the pairs' means. */
    @Test
    void antitheticPairsOfEvenDrawsGiveThePairMeansSpread() {
        DrawStatistics s = of(new float[] {4, 0}, new float[] {4, 0}, new float[] {8, 0}, new float[] {8, 0},
                new float[] {6, 0}, new float[] {6, 0});
        assertEquals(6, s.mean().data()[0], 1e-6);
        // pair means 4, 8, 6: sample variance 4; the plain sample SD would be sqrt(16 / 5) = 1.79
        assertEquals(2, s.stdDev().data()[0], 1e-6);
        assertEquals(0, s.stdDev().data()[1], 0);
    }

    /**
     * One draw has no spread; two keep the plain sample standard deviation; three combine the pair's odd part with
     * the third draw's distance from the pair's mean; an unpaired last draw after two pairs counts in the mean only.
     */
    @Test
    void fewOrOddDrawsUseWhatThePairsAllow() {
        assertEquals(0, of(new float[] {5}).stdDev().data()[0], 0);
        assertEquals(Math.sqrt(2), of(new float[] {4}, new float[] {6}).stdDev().data()[0], 1e-6);
        // O = -1, third draw 3 from the pair's mean 5: (1 + 9) / 2; the plain sample SD would be 2
        assertEquals(Math.sqrt(5), of(new float[] {4}, new float[] {6}, new float[] {8}).stdDev().data()[0], 1e-6);
        assertEquals(6, of(new float[] {4}, new float[] {6}, new float[] {8}).mean().data()[0], 1e-6);
        DrawStatistics five = of(new float[] {13}, new float[] {7}, new float[] {11}, new float[] {9},
                new float[] {100});
        assertEquals(Math.sqrt(5), five.stdDev().data()[0], 1e-6);
        assertEquals(28, five.mean().data()[0], 1e-6);
    }
}
