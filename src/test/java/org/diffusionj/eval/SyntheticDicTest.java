package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDicTest {

    @Test
    void reliefIsBrightOnOneSideOfEachEdgeAndDarkOnTheOther() {
        FloatImage a = SyntheticDic.generate(128, 128, 1000);
        assertArrayEquals(a.data(), SyntheticDic.generate(128, 128, 1000).data(), "seeded");
        float[] sorted = a.data().clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        assertEquals(10000, median, 300, "a mid-gray ground");
        assertTrue(sorted[sorted.length / 100] < median - 1000, "dark edges: " + sorted[sorted.length / 100]);
        assertTrue(sorted[sorted.length * 99 / 100] > median + 1000, "bright edges: " + sorted[sorted.length * 99 / 100]);
        assertTrue(sorted[0] >= 0 && sorted[sorted.length - 1] <= 65535, "16-bit values");
    }
}
