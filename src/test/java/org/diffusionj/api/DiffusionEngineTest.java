package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every task through the facade, on the committed fixture model (random weights, classes none/alpha/beta). */
class DiffusionEngineTest {

    static DiffusionEngine engine;

    @BeforeAll
    static void open() {
        engine = DiffusionEngine.open(Fixture.folder().toString(), DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static <T extends Options> T fast(T o) {
        o.steps = 6;
        return o;
    }

    @Test
    void aPackageTrainedOnNoisyImagesEndsSamplingAboveTheirNoise(@TempDir Path dir) throws IOException {
        Path noisy = dir.resolve("noisy");
        Files.createDirectories(noisy);
        Files.copy(Fixture.folder().resolve("denoiser.pt"), noisy.resolve("denoiser.pt"));
        Files.writeString(noisy.resolve("model.json"), Files.readString(Fixture.folder().resolve("model.json"))
                .replace("\"channels\": 3", "\"trainingNoise\": 0.02, \"channels\": 3"));
        Img<FloatType> image = Images.pattern(16, 16, 1);
        Result plain = engine.sdedit(image, null, 0.5, fast(new Options()), null);
        assertNull(plain.metrics().get("lowestTimestep"), "the fixture declares no training noise");
        try (DiffusionEngine ended = DiffusionEngine.open(noisy.toString(), DeviceChoice.CPU)) {
            Result r = ended.sdedit(image, null, 0.5, fast(new Options()), null);
            assertEquals(21.0, r.metrics().get("lowestTimestep"), "sigma reaches 4 x 0.02 at t = 21");
            // the 6-step grid's last timestep, 0, is not evaluated: the same seed gives another image
            assertFalse(java.util.Arrays.equals(Images.values(plain.image()), Images.values(r.image())));
        }
    }

    @Test
    void opensTheFixtureOnTheCpu() {
        assertEquals("test-fixture", engine.model().name());
        assertFalse(engine.device().isGpu());
    }

    /** From pure noise the last 38 % of the steps run a second time (InpaintOptions#resamplingPlan). */
    @Test
    void inpaintingFromNoiseRunsItsLastStepsTwice() {
        Img<FloatType> image = Images.pattern(16, 12, 1);
        Result r = engine.inpaint(image, Images.rectangle(16, 12, 4, 10, 3, 8), fast(new InpaintOptions()), null);
        assertEquals(6 + 2, r.metrics().get("evaluations"));
        assertEquals(0, r.metrics().get("consistencyError"));
        InpaintOptions partial = fast(new InpaintOptions());
        partial.start = 0.5;
        assertEquals(3, engine.inpaint(image, Images.rectangle(16, 12, 4, 10, 3, 8), partial, null).metrics()
                .get("evaluations"));
    }

    @Test
    void inpaintingReturnsPixelsOutsideTheMaskBitForBit() {
        for (int c : new int[] {1, 3}) {
            Img<FloatType> image = Images.pattern(16, 12, c);
            float[] before = Images.values(image);
            Result r = engine.inpaint(image, Images.rectangle(16, 12, 4, 10, 3, 8), fast(new InpaintOptions()), null);
            float[] out = Images.values(r.image());
            assertArrayEquals(new long[] {16, 12, c}, r.image().dimensionsAsLongArray());
            int changed = 0;
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 16; x++) {
                        int i = (k * 12 + y) * 16 + x;
                        boolean fill = x >= 4 && x < 10 && y >= 3 && y < 8;
                        if (!fill) {
                            assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(out[i]));
                        } else if (out[i] != before[i]) {
                            changed++;
                        }
                    }
                }
            }
            assertEquals(30 * c, changed);
            assertArrayEquals(before, Images.values(image), "input unmodified");
            assertEquals(0, r.metrics().get("consistencyError"));
        }
    }

    @Test
    void growAndFeatherWidenTheFilledArea() {
        Img<FloatType> image = Images.pattern(16, 16, 1);
        InpaintOptions o = fast(new InpaintOptions());
        o.grow = 2;
        o.feather = 2;
        float[] before = Images.values(image);
        float[] out = Images.values(engine.inpaint(image, Images.rectangle(16, 16, 6, 10, 6, 10), o, null).image());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                double dx = Math.max(0, Math.max(6 - x, x - 9));
                double dy = Math.max(0, Math.max(6 - y, y - 9));
                if (dx * dx + dy * dy > 4) {
                    assertEquals(before[y * 16 + x], out[y * 16 + x], "outside the grown mask: " + x + ", " + y);
                }
            }
        }
        assertTrue(out[6 * 16 + 4] != before[6 * 16 + 4], "the grown ring is filled");
    }

    @Test
    void colorizationKeepsTheGrayValueToOneTenThousandth() {
        Img<FloatType> gray = Images.pattern(16, 16, 1);
        float[] g = Images.values(gray);
        Result r = engine.colorize(gray, fast(new Options()), null);
        assertArrayEquals(new long[] {16, 16, 3}, r.image().dimensionsAsLongArray());
        float[] rgb = Images.values(r.image());
        double range = Images.range(g);
        for (int i = 0; i < g.length; i++) {
            double mean = ((double) rgb[i] + rgb[g.length + i] + rgb[2 * g.length + i]) / 3;
            assertEquals(g[i], mean, 1e-4 * range);
        }
        assertTrue(r.metrics().get("consistencyError") <= 1e-4);
    }

    @Test
    void superResolutionAveragesBackToTheInput() {
        for (int scale : new int[] {2, 4}) {
            Img<FloatType> image = Images.pattern(6, 5, 3);
            float[] in = Images.values(image);
            Result r = engine.superResolve(image, scale, fast(new SuperResolutionOptions()), null);
            assertArrayEquals(new long[] {6 * scale, 5 * scale, 3}, r.image().dimensionsAsLongArray());
            float[] out = Images.values(r.image());
            double range = Images.range(in);
            int w = 6 * scale;
            int h = 5 * scale;
            for (int k = 0; k < 3; k++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 6; x++) {
                        double sum = 0;
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                sum += out[(k * h + y * scale + dy) * w + x * scale + dx];
                            }
                        }
                        assertEquals(in[(k * 5 + y) * 6 + x], sum / (scale * scale), 1e-4 * range);
                    }
                }
            }
        }
    }

    @Test
    void noisySuperResolutionRuns() {
        SuperResolutionOptions o = fast(new SuperResolutionOptions());
        o.noise = 0.05;
        Result r = engine.superResolve(Images.pattern(8, 8, 1), 2, o, null);
        assertArrayEquals(new long[] {16, 16, 1}, r.image().dimensionsAsLongArray());
        for (float v : Images.values(r.image())) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void sdeditAtStrengthZeroReturnsTheInputExactly() {
        Img<FloatType> image = Images.pattern(16, 16, 3);
        Result r = engine.sdedit(image, null, 0, fast(new Options()), null);
        assertArrayEquals(Images.values(image), Images.values(r.image()));
        assertEquals(0, r.metrics().get("steps"));
    }

    @Test
    void sdeditWithAMaskChangesOnlyTheSelection() {
        Img<FloatType> image = Images.pattern(16, 16, 1);
        float[] before = Images.values(image);
        Options o = fast(new Options());
        o.steps = 10;
        Result r = engine.sdedit(image, Images.rectangle(16, 16, 0, 8, 0, 16), 0.6, o, null);
        float[] out = Images.values(r.image());
        boolean changedInside = false;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int i = y * 16 + x;
                if (x >= 8) {
                    assertEquals(before[i], out[i]);
                } else {
                    changedInside |= out[i] != before[i];
                }
            }
        }
        assertTrue(changedInside);
        assertEquals(6, r.metrics().get("steps"));
    }

    @Test
    void theSameSeedReproducesAndAnotherSeedDiffers() {
        Img<FloatType> gray = Images.pattern(16, 16, 1);
        Options o = fast(new Options());
        float[] a = Images.values(engine.colorize(gray, o.seed(5), null).image());
        float[] b = Images.values(engine.colorize(gray, o.seed(5), null).image());
        float[] c = Images.values(engine.colorize(gray, o.seed(6), null).image());
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void severalSamplesGiveAMeanAndAStandardDeviationMap() {
        InpaintOptions o = fast(new InpaintOptions());
        o.samples = 3;
        Img<FloatType> image = Images.pattern(16, 16, 1);
        Result r = engine.inpaint(image, Images.rectangle(16, 16, 4, 12, 4, 12), o, null);
        assertNotNull(r.stdDev());
        assertArrayEquals(r.image().dimensionsAsLongArray(), r.stdDev().dimensionsAsLongArray());
        float[] std = Images.values(r.stdDev());
        assertEquals(0f, std[0]);
        assertTrue(std[8 * 16 + 8] > 0);
        assertEquals(3, r.metrics().get("samples"));
        assertNull(engine.inpaint(image, Images.rectangle(16, 16, 4, 12, 4, 12), fast(new InpaintOptions()), null)
                .stdDev());
    }

    @Test
    void classesGuidanceAndSamplersChangeTheResult() {
        Img<FloatType> gray = Images.pattern(16, 16, 1);
        float[] plain = Images.values(engine.colorize(gray, fast(new Options()), null).image());
        float[] alpha = Images.values(engine.colorize(gray, fast(new Options()).className("alpha").guidance(3), null)
                .image());
        float[] euler = Images.values(engine.colorize(gray, fast(new Options()).sampler("euler"), null).image());
        assertFalse(java.util.Arrays.equals(plain, alpha));
        assertFalse(java.util.Arrays.equals(plain, euler));
        InpaintOptions repaint = fast(new InpaintOptions());
        repaint.jumpLength = 2;
        repaint.jumpRepeats = 2;
        Result r = engine.inpaint(gray, Images.rectangle(16, 16, 4, 8, 4, 8), repaint, null);
        assertTrue(r.metrics().get("evaluations") > 6);
        assertEquals(0, r.metrics().get("consistencyError"));
    }

    @Test
    void largeImagesRunOnTilesAndKeepTheirGuarantees() {
        Img<FloatType> image = Images.pattern(40, 28, 1);
        Options o = fast(new Options()).tile(16).overlap(4);
        Result c = engine.colorize(image, o, null);
        assertTrue(c.metrics().get("tiles") > 1);
        assertTrue(c.metrics().get("consistencyError") <= 1e-4);
        SuperResolutionOptions so = fast(new SuperResolutionOptions());
        so.tile = 16;
        so.overlap = 4;
        Result s = engine.superResolve(Images.pattern(12, 10, 1), 2, so, null);
        assertEquals(4, s.metrics().get("tiles"));
        assertTrue(s.metrics().get("consistencyError") <= 1e-4);
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        List<int[]> steps = new ArrayList<>();
        Progress record = new Progress() {
            @Override
            public void step(int done, int total) {
                steps.add(new int[] {done, total});
            }

            @Override
            public boolean cancelled() {
                return steps.size() >= 2;
            }
        };
        assertThrows(CancelledException.class,
                () -> engine.colorize(Images.pattern(16, 16, 1), fast(new Options()), record));
        assertEquals(2, steps.size());
        assertArrayEquals(new int[] {1, 6}, steps.get(0));
    }

    /** The mean |slice[z+1] - slice[z]| of a stack of results. */
    private static double sliceDifference(List<Result> stack) {
        double sum = 0;
        int n = 0;
        for (int z = 0; z + 1 < stack.size(); z++) {
            float[] a = Images.values(stack.get(z).image());
            float[] b = Images.values(stack.get(z + 1).image());
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs(b[i] - a[i]);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void zConsistentStacksCoupleTheSlicesAndKeepEachSlicesConstraint() {
        List<Img<FloatType>> slices = List.of(Images.pattern(16, 12, 1), Images.pattern(16, 12, 1),
                Images.pattern(16, 12, 1), Images.pattern(16, 12, 1));
        float[] before = Images.values(slices.get(0));
        List<Result> independent = engine.superResolveStack(slices, 2, fast(new SuperResolutionOptions()), null);
        // one batch, no coupling: every slice its own noise
        SuperResolutionOptions uncoupled = fast(new SuperResolutionOptions());
        uncoupled.zConsistent = true;
        uncoupled.zWeight = 0;
        List<Result> free = engine.superResolveStack(slices, 2, uncoupled, null);
        SuperResolutionOptions coupled = fast(new SuperResolutionOptions());
        coupled.zConsistent = true;
        coupled.zWeight = 0.5;
        List<Result> together = engine.superResolveStack(slices, 2, coupled, null);
        assertEquals(4, together.size());
        assertArrayEquals(new long[] {32, 24, 1}, together.get(0).image().dimensionsAsLongArray());
        // the fixture's random weights predict wild x0s, so the coupling only trims them (SliceStackTest measures
        // it on an analytic prior)
        assertTrue(sliceDifference(together) < sliceDifference(free),
                sliceDifference(together) + " vs " + sliceDifference(free));
        assertTrue(together.get(0).metrics().get("consistencyError") < 1e-4);
        assertEquals(0.5, together.get(0).metrics().get("zWeight"));
        assertArrayEquals(before, Images.values(slices.get(0)), "the input is not modified");
        // independent slices are the single-plane method's results
        assertArrayEquals(Images.values(engine.superResolve(slices.get(1), 2, fast(new SuperResolutionOptions()),
                null).image()), Images.values(independent.get(1).image()));
    }

    @Test
    void everyPlaneTaskTakesAZConsistentStack() {
        List<Img<FloatType>> slices = List.of(Images.pattern(16, 12, 1), Images.pattern(16, 12, 1),
                Images.pattern(16, 12, 1));
        Img<FloatType> mask = Images.rectangle(16, 12, 4, 10, 3, 8);
        Options o = fast(new Options()).zConsistent(true);
        InpaintOptions inpaint = fast(new InpaintOptions());
        inpaint.zConsistent = true;
        DenoiseOptions denoise = fast(new DenoiseOptions());
        denoise.zConsistent = true;
        denoise.gain = 2;
        assertEquals(3, engine.inpaintStack(slices, mask, inpaint, null).size());
        assertEquals(3, engine.colorizeStack(slices, o, null).get(2).image().dimension(2));
        assertEquals(3, engine.sdeditStack(slices, mask, 0.5, o, null).size());
        List<Result> d = engine.denoiseStack(slices, null, denoise, null);
        assertEquals(3, d.size());
        assertEquals(1.0, d.get(0).metrics().get("noiseMeasurable"));
    }

    @Test
    void badStacksAndZWeightsAreRefusedByName() {
        List<Img<FloatType>> slices = List.of(Images.pattern(16, 12, 1), Images.pattern(16, 16, 1));
        Options o = fast(new Options()).zConsistent(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.sdeditStack(slices, null, 0.5, o, null));
        assertTrue(e.getMessage().contains("slices of a stack"), e.getMessage());
        Options w = fast(new Options()).zConsistent(true).zWeight(2);
        e = assertThrows(IllegalArgumentException.class, () -> engine.sdeditStack(List.of(Images.pattern(16, 12, 1)),
                null, 0.5, w, null));
        assertTrue(e.getMessage().contains("zWeight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> engine.colorizeStack(List.of(), o, null));
    }

    /**
     * Denoise's default estimate: the draws' mean blended with a blur of the input by Stein's unbiased risk
     * estimate. On a smooth pattern, where the fixture's draws paint texture, the blend is closer to the clean
     * image than the plain mean; the estimate ran twice (the divergence probe), the weight and the blur are
     * reported, and the input is untouched; {@code estimate=mean} and one draw are not blended.
     */
    @Test
    void denoisingBlendsTheDrawsWithABlurByTheirEstimatedErrors() {
        float[] clean = Images.values(Images.pattern(32, 32, 1));
        float[] noisy = clean.clone();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (60 * random.nextGaussian());
        }
        Img<FloatType> image = net.imglib2.img.array.ArrayImgs.floats(noisy.clone(), 32, 32);
        DenoiseOptions o = fast(new DenoiseOptions());
        o.sigma = 60;
        o.samples = 2;
        Result blended = engine.denoise(image, null, o, null);
        double weight = blended.metrics().get("blendWeight");
        assertTrue(weight >= 0 && weight <= 1, "weight " + weight);
        assertArrayEquals(noisy, Images.values(image), "input unmodified");

        o.blend = false;
        Result mean = engine.denoise(image, null, o, null);
        assertNull(mean.metrics().get("blendWeight"));
        assertEquals(2 * mean.metrics().get("evaluations"), blended.metrics().get("evaluations"));
        double meanError = rms(Images.values(mean.image()), clean);
        double blendError = rms(Images.values(blended.image()), clean);
        assertTrue(blendError < meanError, "blend " + blendError + " vs plain mean " + meanError + " "
                + blended.metrics());
        o.blend = true;
        o.samples = 1;
        assertNull(engine.denoise(image, null, o, null).metrics().get("blendWeight"), "one draw is not blended");
    }

    /**
     * A z-consistent stack is blended too: one blur and one weight for the whole stack (its slices share one
     * normalisation and noise model), closer to the clean slices than the stack's plain mean on the smooth pattern,
     * pixels outside the mask kept bit for bit, the inputs untouched.
     */
    @Test
    void zConsistentDenoisingBlendsTheWholeStackWithOneWeight() {
        float[] clean = Images.values(Images.pattern(32, 32, 1));
        java.util.Random random = new java.util.Random(5);
        List<Img<FloatType>> slices = new java.util.ArrayList<>();
        List<float[]> before = new java.util.ArrayList<>();
        for (int z = 0; z < 3; z++) {
            float[] noisy = clean.clone();
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] += (float) (60 * random.nextGaussian());
            }
            before.add(noisy.clone());
            slices.add(net.imglib2.img.array.ArrayImgs.floats(noisy, 32, 32));
        }
        DenoiseOptions o = fast(new DenoiseOptions());
        o.zConsistent = true;
        o.sigma = 60;
        o.samples = 2;
        List<Result> blended = engine.denoiseStack(slices, null, o, null);
        o.blend = false;
        List<Result> mean = engine.denoiseStack(slices, null, o, null);
        double weight = blended.get(0).metrics().get("blendWeight");
        double blendError = 0;
        double meanError = 0;
        for (int z = 0; z < 3; z++) {
            assertEquals(weight, blended.get(z).metrics().get("blendWeight"), "one weight for the stack");
            assertEquals(3.0, blended.get(z).metrics().get("slices"));
            assertNull(mean.get(z).metrics().get("blendWeight"));
            assertArrayEquals(before.get(z), Images.values(slices.get(z)), "input unmodified");
            blendError += rms(Images.values(blended.get(z).image()), clean);
            meanError += rms(Images.values(mean.get(z).image()), clean);
        }
        assertEquals(2 * mean.get(0).metrics().get("evaluations"), blended.get(0).metrics().get("evaluations"));
        assertTrue(blendError < meanError, "blend " + blendError / 3 + " vs plain mean " + meanError / 3);

        o.blend = true;
        Img<FloatType> mask = Images.rectangle(32, 32, 4, 28, 6, 26); // 480 pixels a slice, 1440 in all
        List<Result> inside = engine.denoiseStack(slices, mask, o, null);
        assertTrue(inside.get(1).metrics().containsKey("blendWeight"));
        float[] m = Images.values(mask);
        float[] out = Images.values(inside.get(1).image());
        for (int i = 0; i < m.length; i++) {
            if (m[i] == 0) {
                assertEquals(before.get(1)[i], out[i], "pixel " + i + " outside the mask");
            }
        }
    }

    private static double rms(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
