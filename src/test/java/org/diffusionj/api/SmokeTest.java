package org.diffusionj.api;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runs() {
        try (DiffusionEngine e = DiffusionEngine.open(Fixture.folder().toString(), DeviceChoice.CPU)) {
            float[] d = new float[16 * 16];
            for (int i = 0; i < d.length; i++) d[i] = (float) Math.sin(i * 0.3) * 100 + 500;
            Img<FloatType> img = ArrayImgs.floats(d, 16, 16);
            float[] m = new float[16 * 16];
            for (int i = 4; i < 10; i++) for (int j = 4; j < 10; j++) m[i * 16 + j] = 1;
            Options o = new Options().steps(10);
            long t0 = System.nanoTime();
            InpaintOptions io = new InpaintOptions(); io.steps = 10;
            System.out.println(e.inpaint(img, ArrayImgs.floats(m, 16, 16), io, null).metrics());
            System.out.println(e.colorize(img, o, null).metrics());
            SuperResolutionOptions so = new SuperResolutionOptions(); so.steps = 10;
            System.out.println(e.superResolve(ArrayImgs.floats(new float[64], 8, 8), 2, so, null).metrics());
            System.out.println(e.sdedit(img, null, 0.5, o, null).metrics());
            System.out.println((System.nanoTime() - t0) / 1e9);
        }
    }
}
