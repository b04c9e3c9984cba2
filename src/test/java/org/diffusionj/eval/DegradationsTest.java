package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DegradationsTest {

    @Test
    void averagePoolingAveragesBlocksPerChannel() {
        FloatImage img = new FloatImage(new float[] {1, 3, 5, 7, 1, 3, 5, 7, 10, 10, 20, 20, 10, 10, 20, 20}, 4, 2, 2);
        FloatImage low = Degradations.averagePool(img, 2);
        assertArrayEquals(new float[] {2, 6, 10, 20}, low.data());
        assertEquals(2, low.width());
        assertEquals(1, low.height());
    }

    @Test
    void grayIsTheMeanOfTheChannelsAndReplicationKeepsIt() {
        FloatImage rgb = new FloatImage(new float[] {3, 0, 6, 3}, 1, 1, 4);
        FloatImage three = new FloatImage(new float[] {3, 0, 6}, 1, 1, 3);
        assertArrayEquals(new float[] {3}, Degradations.gray(three).data());
        assertArrayEquals(new float[] {3, 3, 3}, Degradations.replicate(Degradations.gray(three)).data());
        assertArrayEquals(new float[] {3}, Degradations.gray(rgb).data());
    }

    @Test
    void noiseHasTheAskedStandardDeviationAndIsSeeded() {
        FloatImage zero = FloatImage.zeros(100, 100, 1);
        FloatImage noisy = Degradations.addNoise(zero, 2, 9);
        assertArrayEquals(noisy.data(), Degradations.addNoise(zero, 2, 9).data());
        assertEquals(2, Measures.relativeRms(noisy, zero, 1), 0.05);
        assertEquals(0, zero.data()[0]);
    }
}
