package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.Test;

class FloatPlanesTest {
    @Test
    void grayTypesRoundTripExactly() {
        for (ImageProcessor ip : new ImageProcessor[] {ramp(new ByteProcessor(5, 3)), ramp(new ShortProcessor(5, 3)),
                ramp(new FloatProcessor(5, 3))}) {
            Img<FloatType> img = FloatPlanes.toImg(ip);
            assertEquals(2, img.numDimensions());
            ImageProcessor back = FloatPlanes.toProcessor(img, ip.getBitDepth());
            assertEquals(ip.getBitDepth(), back.getBitDepth());
            for (int i = 0; i < 15; i++) {
                assertEquals(ip.getf(i), back.getf(i), 0f);
            }
        }
    }

    @Test
    void rgbBecomesThreeChannelsAndBack() {
        ColorProcessor cp = new ColorProcessor(2, 1, new int[] {0x102030, 0xff0080});
        Img<FloatType> img = FloatPlanes.toImg(cp);
        assertEquals(3, img.dimension(2));
        assertArrayEquals(new float[] {0x10, 0xff}, FloatPlanes.channel(img, 0));
        assertArrayEquals(new float[] {0x30, 0x80}, FloatPlanes.channel(img, 2));
        int[] back = (int[]) FloatPlanes.toProcessor(img, 24).getPixels();
        assertEquals(0xff102030, back[0]);
        assertEquals(0xffff0080, back[1]);
        assertArrayEquals(new float[] {0x20, (0xff + 0x80) / 3f}, FloatPlanes.channel(FloatPlanes.grayOf(cp), 0));
    }

    @Test
    void integerTypesAreRoundedAndClamped() {
        Img<FloatType> img = ArrayImgs.floats(new float[] {-5f, 1.6f, 300f, Float.NaN, 70000f}, 5, 1);
        assertArrayEquals(new byte[] {0, 2, (byte) 255, 0, (byte) 255},
                (byte[]) FloatPlanes.toProcessor(img, 8).getPixels());
        short[] s = (short[]) FloatPlanes.toProcessor(img, 16).getPixels();
        assertEquals(300, s[2]);
        assertEquals(65535, s[4] & 0xffff);
        assertEquals(-5f, FloatPlanes.toProcessor(img, 32).getf(0), 0f);
    }

    @Test
    void oneChannelBecomesGrayRgb() {
        Img<FloatType> img = ArrayImgs.floats(new float[] {10f}, 1, 1, 1);
        assertEquals(0x0a0a0a, ((int[]) FloatPlanes.toProcessor(img, 24).getPixels())[0] & 0xffffff);
    }

    private static ImageProcessor ramp(ImageProcessor ip) {
        for (int i = 0; i < ip.getPixelCount(); i++) {
            ip.setf(i, i * 7 + 1);
        }
        return ip;
    }
}
