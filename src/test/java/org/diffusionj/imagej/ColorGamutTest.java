package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

class ColorGamutTest {
    @Test
    void keepsTheGrayAndTheRange() {
        // pixels: in range; too bright red; negative blue
        Img<FloatType> rgb = ArrayImgs.floats(new float[] {10, 400, 100, 20, 0, 100, 30, 50, -200}, 3, 1, 3);
        Img<FloatType> fit = ColorGamut.fit(rgb, 255);
        float[][] c = {FloatPlanes.channel(fit, 0), FloatPlanes.channel(fit, 1), FloatPlanes.channel(fit, 2)};
        assertArrayEquals(new float[] {10, 20, 30}, new float[] {c[0][0], c[1][0], c[2][0]}, 1e-5f);
        float[] gray = {20, 150, 0};
        for (int i = 0; i < 3; i++) {
            assertEquals(gray[i], (c[0][i] + c[1][i] + c[2][i]) / 3, 1e-3, "gray of pixel " + i);
            for (int k = 0; k < 3; k++) {
                assertTrue(c[k][i] >= -1e-4 && c[k][i] <= 255 + 1e-4, "channel " + k + " of pixel " + i);
            }
        }
        assertEquals(255, c[0][1], 1e-3, "the brightest channel touches the limit");
    }
}
