package org.diffusionj.imagej;

import java.util.Map;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Progress;
import org.diffusionj.api.Result;
import org.diffusionj.engine.CancelledException;

/** Stand-ins for the engine, to test the ImageJ side on its own. */
final class FakeFunctions {
    private FakeFunctions() {
    }

    /**
     * Every pixel the mask lets change (all without a mask) plus {@code delta}, the others kept as the engine keeps
     * them; the channel count kept; reports 3 steps.
     */
    static PlaneFunction add(float delta) {
        return (plane, mask, progress) -> {
            steps(progress, 3);
            int w = (int) plane.dimension(0);
            int h = (int) plane.dimension(1);
            int c = FloatPlanes.channels(plane);
            float[] m = mask == null ? null : FloatPlanes.channel(mask, 0);
            float[] out = new float[w * h * c];
            for (int k = 0; k < c; k++) {
                float[] ch = FloatPlanes.channel(plane, k);
                for (int i = 0; i < ch.length; i++) {
                    out[k * w * h + i] = m == null || m[i] != 0 ? ch[i] + delta : ch[i];
                }
            }
            return new Result(ArrayImgs.floats(out, w, h, c), null, Map.of("error", 0.5));
        };
    }

    /** Gray to colour: R = G = B = input (so the mean equals the input). */
    static PlaneFunction grayToColor() {
        return (plane, mask, progress) -> {
            float[] g = FloatPlanes.channel(plane, 0);
            int w = (int) plane.dimension(0);
            int h = (int) plane.dimension(1);
            float[] out = new float[3 * g.length];
            for (int k = 0; k < 3; k++) {
                System.arraycopy(g, 0, out, k * g.length, g.length);
            }
            return new Result(ArrayImgs.floats(out, w, h, 3), null, Map.of());
        };
    }

    /** Nearest-neighbour magnification by {@code s}, with a standard deviation map. */
    static PlaneFunction upsample(int s) {
        return (plane, mask, progress) -> {
            int w = (int) plane.dimension(0);
            int h = (int) plane.dimension(1);
            int c = FloatPlanes.channels(plane);
            float[] out = new float[w * s * h * s * c];
            for (int k = 0; k < c; k++) {
                float[] ch = FloatPlanes.channel(plane, k);
                for (int y = 0; y < h * s; y++) {
                    for (int x = 0; x < w * s; x++) {
                        out[k * w * s * h * s + y * w * s + x] = ch[(y / s) * w + x / s];
                    }
                }
            }
            Img<FloatType> sd = ArrayImgs.floats(w * s, h * s, c);
            return new Result(ArrayImgs.floats(out, w * s, h * s, c), sd, Map.of());
        };
    }

    /** Cancels as the engine does when Progress says so, after {@code steps} steps. */
    static PlaneFunction cancelAfter(int steps, boolean[] cancel) {
        return (plane, mask, progress) -> {
            for (int i = 0; i < 10; i++) {
                if (i == steps) {
                    cancel[0] = true;
                }
                if (progress.cancelled()) {
                    throw new CancelledException("cancelled");
                }
                progress.step(i + 1, 10);
            }
            return add(0).apply(plane, mask, progress);
        };
    }

    private static void steps(Progress progress, int n) {
        for (int i = 1; i <= n; i++) {
            progress.step(i, n);
        }
    }

    static RandomAccessibleInterval<FloatType> unused() {
        return null;
    }
}
