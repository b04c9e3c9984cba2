package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad input and option gives one clear message naming it, before the model runs, and leaves the
 * inputs as they were. Runs on the fixture's description with a counting stand-in network.
 */
class BadInputTest {

    private final AtomicInteger calls = new AtomicInteger();
    private DiffusionEngine engine;
    private Img<FloatType> image;
    private float[] before;

    @BeforeEach
    void setUp() {
        Denoiser counting = (x, t, cond) -> {
            calls.incrementAndGet();
            return x.zerosLike();
        };
        engine = DiffusionEngine.of(Fixture.modelPackage().manifest(), counting,
                DeviceSelection.cpu("test"));
        image = Images.pattern(16, 16, 1);
        before = Images.values(image);
    }

    private void refused(String message, Executable task) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, task);
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
        assertEquals(0, calls.get(), "the model must not run");
        assertArrayEquals(before, Images.values(image), "the input must stay as it was");
    }

    private static Img<FloatType> mask(float value) {
        float[] m = new float[256];
        java.util.Arrays.fill(m, value);
        return ArrayImgs.floats(m, 16, 16);
    }

    @Test
    void masks() {
        InpaintOptions o = new InpaintOptions();
        refused("The mask is empty: select the area to fill", () -> engine.inpaint(image, mask(0), o, null));
        refused("The mask covers the whole image", () -> engine.inpaint(image, mask(1), o, null));
        InpaintOptions grown = new InpaintOptions();
        grown.grow = 30;
        refused("The mask covers the whole image",
                () -> engine.inpaint(image, Images.rectangle(16, 16, 7, 9, 7, 9), grown, null));
        refused("The mask is 8 x 16 but the image is 16 x 16",
                () -> engine.inpaint(image, ArrayImgs.floats(8, 16), o, null));
        refused("The mask is missing", () -> engine.inpaint(image, null, o, null));
        refused("The mask is empty: select the area to re-synthesise",
                () -> engine.sdedit(image, mask(0), 0.5, new Options(), null));
        Img<FloatType> nanMask = mask(1);
        nanMask.firstElement().set(Float.NaN);
        refused("The mask contains NaN pixels", () -> engine.inpaint(image, nanMask, o, null));
    }

    @Test
    void taskParameters() {
        refused("scale must be 2 or 4, got 3", () -> engine.superResolve(image, 3, new SuperResolutionOptions(), null));
        refused("strength must be between 0 and 1, got 1.5", () -> engine.sdedit(image, null, 1.5, new Options(), null));
        refused("strength must be between 0 and 1, got -0.1", () -> engine.sdedit(image, null, -0.1, new Options(), null));
        refused("strength must be between 0 and 1, got NaN", () -> engine.sdedit(image, null, Double.NaN, new Options(), null));
        SuperResolutionOptions noisy = new SuperResolutionOptions();
        noisy.noise = 2;
        refused("noise must be between 0 and 0.999, got 2", () -> engine.superResolve(image, 2, noisy, null));
        InpaintOptions feather = new InpaintOptions();
        feather.feather = -1;
        refused("feather must be a whole number between 0 and 10000, got -1", () -> engine.inpaint(image, mask(1), feather, null));
        InpaintOptions repaint = new InpaintOptions();
        repaint.jumpLength = 5;
        repaint.jumpRepeats = 3;
        repaint.sampler = "euler";
        refused("RePaint resampling (jumpLength > 0) needs the ddim or ddpm sampler, got euler",
                () -> engine.inpaint(image, Images.rectangle(16, 16, 2, 4, 2, 4), repaint, null));
    }

    @Test
    void denoising() {
        DenoiseOptions negative = new DenoiseOptions();
        negative.gain = -1;
        refused("gain must be between 0 and", () -> engine.denoise(image, null, negative, null));
        DenoiseOptions noSigma = new DenoiseOptions();
        noSigma.gain = 2;
        noSigma.sigma = Double.NaN;
        refused("sigma must be between 0 and", () -> engine.denoise(image, null, noSigma, null));
        refused("The mask is empty", () -> engine.denoise(image, mask(0), withGain(), null));
    }

    private static DenoiseOptions withGain() {
        DenoiseOptions o = new DenoiseOptions();
        o.gain = 2;
        o.sigma = 1;
        return o;
    }

    @Test
    void anImageWithoutNoiseComesBackUnchangedAndSaysSo() {
        Img<FloatType> smooth = Images.pattern(96, 96, 1);
        float[] values = Images.values(smooth);
        Result r = engine.denoise(smooth, null, null, null);
        assertEquals(0.0, r.metrics().get("noiseMeasurable"));
        assertArrayEquals(values, Images.values(r.image()));
        assertEquals(0, calls.get(), "the model must not run");
    }

    @Test
    void images() {
        refused("The image is 3 x 3 pixels; the model needs at least 4 x 4",
                () -> engine.colorize(ArrayImgs.floats(3, 3), new Options(), null));
        refused("x2 super-resolution of a 1 x 1 image gives 2 x 2 pixels; the model needs at least 4 x 4",
                () -> engine.superResolve(ArrayImgs.floats(1, 1), 2, new SuperResolutionOptions(), null));
        Img<FloatType> nan = Images.pattern(16, 16, 1);
        nan.firstElement().set(Float.NaN);
        float[] nanBefore = Images.values(nan);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.sdedit(nan, null, 0.5, new Options(), null));
        assertTrue(e.getMessage().contains("The image contains NaN pixels"), e.getMessage());
        assertEquals(Float.floatToRawIntBits(nanBefore[0]), Float.floatToRawIntBits(Images.values(nan)[0]));
        Img<FloatType> inf = Images.pattern(16, 16, 1);
        inf.firstElement().set(Float.POSITIVE_INFINITY);
        refused("The image contains infinite pixels", () -> engine.colorize(inf, new Options(), null));
        refused("The image must have 1 or 3 channels, got 2",
                () -> engine.colorize(ArrayImgs.floats(16, 16, 2), new Options(), null));
        refused("The image must have dimensions (x, y) or (x, y, channel)",
                () -> engine.colorize(ArrayImgs.floats(16, 16, 1, 1), new Options(), null));
        refused("Colorization needs a grayscale (one-channel) image, got 3 channels",
                () -> engine.colorize(Images.pattern(16, 16, 3), new Options(), null));
        refused("The image is missing", () -> engine.colorize(null, new Options(), null));
    }

    @Test
    void options() {
        refused("Unknown sampler 'plms'", () -> engine.colorize(image, new Options().sampler("plms"), null));
        refused("Unknown sampler 'ddim-inversion'", () -> engine.colorize(image, new Options().sampler("ddim-inversion"),
                null));
        refused("steps must be a whole number between 1 and 1000, got 0", () -> engine.colorize(image, new Options().steps(0), null));
        refused("eta must be between 0 and 1, got -1", () -> engine.colorize(image, new Options().eta(-1), null));
        refused("guidance must be between 0 and 100, got NaN",
                () -> engine.colorize(image, new Options().guidance(Double.NaN), null));
        refused("samples must be a whole number between 1 and 100, got 0", () -> engine.colorize(image, new Options().samples(0), null));
        refused("tile must be 0 (automatic) or at least the model's minimum size 4, got 2",
                () -> engine.colorize(image, new Options().tile(2), null));
        refused("overlap must lie in [0, tile / 2] = [0, 8], got 9",
                () -> engine.colorize(image, new Options().tile(16).overlap(9), null));
        refused("lowPercentile and highPercentile need low < high, got 50.0 and 40.0",
                () -> engine.colorize(image, new Options().percentiles(50, 40), null));
        refused("Unknown class 'gamma' for model 'test-fixture': choose one of [none, alpha, beta]",
                () -> engine.colorize(image, new Options().className("gamma"), null));
        refused("memoryMb must be a whole number between 0 and 16777216, got -1", () -> engine.colorize(image, new Options().memoryMb(-1), null));
    }

    @Test
    void nullOptionsMeanTheDefaults() {
        Result r = engine.sdedit(image, null, 0.5, null, null);
        assertEquals(25, calls.get(), "half of the default 50 steps");
        assertArrayEquals(new long[] {16, 16, 1}, r.image().dimensionsAsLongArray());
    }

    @Test
    void anImageViewAtAnOffsetIsReadFromItsOrigin() {
        Img<FloatType> big = Images.pattern(24, 24, 1);
        Result r = engine.sdedit(Views.interval(big, new long[] {8, 8}, new long[] {23, 23}), null, 0, new Options(),
                null);
        float[] all = Images.values(big);
        float[] out = Images.values(r.image());
        assertEquals(all[8 * 24 + 8], out[0]);
        assertEquals(all[23 * 24 + 23], out[255]);
    }
}
