package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.img.array.ArrayImgs;
import org.junit.jupiter.api.Test;

class FloatImageTest {

    @Test
    void followsImgLib2sFlatOrderBothWays() {
        float[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        FloatImage img = FloatImage.of(ArrayImgs.floats(v, 2, 2, 3));
        assertEquals(3, img.channels());
        assertEquals(7, img.get(0, 1, 1));
        assertArrayEquals(v, FloatImage.of(img.toImg()).data());
        assertEquals(1, FloatImage.of(ArrayImgs.floats(new float[4], 2, 2, 1)).channels());
    }

    @Test
    void cropsChannelsAndStacks() {
        FloatImage img = new FloatImage(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18},
                3, 3, 2);
        assertArrayEquals(new float[] {5, 6, 8, 9, 14, 15, 17, 18}, img.crop(1, 1, 2, 2).data());
        assertArrayEquals(img.data(), FloatImage.stack(img.channel(0), img.channel(1)).data());
        assertEquals(17, img.range());
        assertThrows(IllegalArgumentException.class, () -> img.crop(2, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new FloatImage(new float[3], 2, 2, 1));
    }
}
