package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.engine.sampler.ResamplingPlan;
import org.diffusionj.engine.sampler.Samplers;
import org.junit.jupiter.api.Test;

/** Every task through the one runner, on a network-free analytic model. */
class TaskRunnerTest {

    private final GaussianPriorDenoiser prior = new GaussianPriorDenoiser(0.1, 0.6);

    private Restoration run(RestorationTask task, int samples, long seed) {
        return new TaskRunner(TaskFixtures.setup(prior)).run(task, samples, seed);
    }

    private static Inpainting inpainting(Tensor image, ResamplingPlan plan) {
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, 3, 8, 4, 9), 0, 0);
        return new Inpainting(image, known, TaskFixtures.space(image), plan);
    }

    @Test
    void inpaintingKeepsKnownPixelsBitForBitAndFillsTheRest() {
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Tensor copy = image.copy();
        Restoration r = run(inpainting(image, ResamplingPlan.none()), 1, 7);
        Tensor out = r.image();
        assertArrayEquals(image.shape(), out.shape());
        int changed = 0;
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                boolean fill = i >= 3 && i < 8 && j >= 4 && j < 9;
                if (!fill) {
                    assertEquals(Float.floatToRawIntBits(image.get(0, 0, i, j)),
                            Float.floatToRawIntBits(out.get(0, 0, i, j)), "pixel " + i + ", " + j);
                } else if (out.get(0, 0, i, j) != image.get(0, 0, i, j)) {
                    changed++;
                }
            }
        }
        assertEquals(25, changed);
        assertArrayEquals(copy.data(), image.data(), "the input is not modified");
        assertEquals(0, r.metrics().get("consistencyError"));
        assertEquals(20, r.metrics().get("steps"));
        assertNull(r.stdDev());
        assertTrue(Tensors.allFinite(out));
    }

    @Test
    void colorizationKeepsTheGrayValue() {
        Tensor gray = TaskFixtures.pattern(1, 8, 10);
        Restoration r = run(new Colorization(gray, TaskFixtures.space(gray)), 1, 3);
        assertEquals(3, r.image().channels());
        double range = Normalization.of(gray, 0, 100).range();
        assertTrue(Tensors.maxAbsDiff(new LumaOperator().apply(r.image()), gray) <= 1e-4 * range);
        assertTrue(r.metrics().get("consistencyError") <= 1e-4);
        // the chroma is the model's: the channels differ
        assertTrue(Tensors.maxAbsDiff(ModelSpace.expand(gray, 3), r.image()) > 1);
    }

    @Test
    void superResolutionPoolsBackToTheInputForBothScalesAndEverySampler() {
        Tensor image = TaskFixtures.pattern(3, 4, 6);
        double range = Normalization.of(image, 0, 100).range();
        for (int scale : new int[] {2, 4}) {
            for (String sampler : Samplers.NAMES) {
                SuperResolution task = new SuperResolution(image, scale, 0, TaskFixtures.space(image));
                Restoration r = new TaskRunner(TaskFixtures.setup(prior, sampler, 8)).run(task, 1, 1);
                assertArrayEquals(new int[] {1, 3, 4 * scale, 6 * scale}, r.image().shape());
                double error = Tensors.maxAbsDiff(new AveragePool(scale).apply(r.image()), image);
                assertTrue(error <= 1e-4 * range, sampler + " x" + scale + ": " + error);
                assertTrue(Tensors.allFinite(r.image()), sampler);
            }
        }
    }

    @Test
    void noisySuperResolutionDenoisesInsteadOfCopyingTheNoise() {
        Tensor image = TaskFixtures.pattern(1, 6, 6);
        Restoration exact = run(new SuperResolution(image, 2, 0, TaskFixtures.space(image)), 1, 5);
        Restoration noisy = run(new SuperResolution(image, 2, 0.2, TaskFixtures.space(image)), 1, 5);
        assertTrue(Tensors.allFinite(noisy.image()));
        assertTrue(exact.metrics().get("consistencyError") <= 1e-6);
        double e = noisy.metrics().get("consistencyError");
        assertTrue(e > 1e-4 && e < 0.5, "DDNM+ leaves a bounded misfit, got " + e);
    }

    @Test
    void sdeditAtStrengthZeroReturnsTheInputWithoutRunningTheModel() {
        Tensor image = TaskFixtures.pattern(3, 8, 8);
        Restoration r = run(new SdEdit(image, null, 0, TaskFixtures.space(image)), 1, 1);
        assertArrayEquals(image.data(), r.image().data());
        assertEquals(0, prior.calls.get());
        assertEquals(0, r.metrics().get("steps"));
        // below one step's worth of strength nothing runs either, however many draws
        Restoration two = run(new SdEdit(image, null, 0.01, TaskFixtures.space(image)), 2, 1);
        assertArrayEquals(image.data(), two.image().data());
        assertArrayEquals(new float[image.size()], two.stdDev().data());
        assertEquals(0, prior.calls.get());
    }

    @Test
    void sdeditRunsTheTailOfTheScheduleAndRespectsTheMask() {
        Tensor image = TaskFixtures.pattern(1, 10, 10);
        Restoration half = run(new SdEdit(image, null, 0.5, TaskFixtures.space(image)), 1, 1);
        assertEquals(10, half.metrics().get("steps"));
        assertEquals(10, prior.calls.get());
        assertTrue(Tensors.maxAbsDiff(half.image(), image) > 1);
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(10, 10, 0, 5, 0, 10), 0, 0);
        Tensor out = run(new SdEdit(image, known, 0.8, TaskFixtures.space(image)), 1, 1).image();
        for (int i = 5; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(image.get(0, 0, i, j), out.get(0, 0, i, j));
            }
        }
        assertTrue(Tensors.maxAbsDiff(out, image) > 1);
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() {
        Tensor gray = TaskFixtures.pattern(1, 8, 8);
        Tensor a = run(new Colorization(gray, TaskFixtures.space(gray)), 1, 42).image();
        Tensor b = run(new Colorization(gray, TaskFixtures.space(gray)), 1, 42).image();
        Tensor c = run(new Colorization(gray, TaskFixtures.space(gray)), 1, 43).image();
        assertArrayEquals(a.data(), b.data());
        assertTrue(Tensors.maxAbsDiff(a, c) > 0);
    }

    @Test
    void severalSamplesGiveTheirMeanAndSpread() {
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Restoration three = run(inpainting(image, ResamplingPlan.none()), 3, 10);
        List<Tensor> singles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            singles.add(new TaskRunner(TaskFixtures.setup(prior)).draw(inpainting(image, ResamplingPlan.none()), 10, i));
        }
        // draw 0 is the one draw of the same seed; draw 1 is its antithetic twin; draw 2 has seed + 2's noise
        assertArrayEquals(run(inpainting(image, ResamplingPlan.none()), 1, 10).image().data(), singles.get(0).data());
        assertTrue(Tensors.maxAbsDiff(singles.get(0), singles.get(1)) > 0);
        assertArrayEquals(run(inpainting(image, ResamplingPlan.none()), 1, 12).image().data(), singles.get(2).data());
        Tensor mean = Tensors.scale(1 / 3.0, Tensors.add(Tensors.add(singles.get(0), singles.get(1)), singles.get(2)));
        assertEquals(0, Tensors.maxAbsDiff(mean, three.image()), 1e-3);
        Tensor std = three.stdDev();
        assertNotNull(std);
        assertEquals(0f, std.get(0, 0, 0, 0), "known pixels have no spread");
        assertTrue(std.get(0, 0, 5, 6) > 0, "filled pixels vary between draws");
        // a pair and a third draw (DrawStatistics): (O^2 + (c - pair mean)^2) / 2
        double odd = (singles.get(0).get(0, 0, 5, 6) - singles.get(1).get(0, 0, 5, 6)) / 2.0;
        double lone = singles.get(2).get(0, 0, 5, 6)
                - (singles.get(0).get(0, 0, 5, 6) + singles.get(1).get(0, 0, 5, 6)) / 2.0;
        assertEquals(Math.sqrt((odd * odd + lone * lone) / 2), std.get(0, 0, 5, 6), 1e-2);
        assertEquals(3, three.metrics().get("samples"));
        assertEquals(0, three.metrics().get("consistencyError"));
    }

    @Test
    void repaintJumpsAddEvaluationsAndNeedAVariancePreservingSampler() {
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Restoration r = run(inpainting(image, ResamplingPlan.repaint(5, 3)), 1, 1);
        assertEquals(ResamplingPlan.repaint(5, 3).evaluations(20), r.metrics().get("evaluations"));
        assertTrue(r.metrics().get("evaluations") > 20);
        assertEquals(0, r.metrics().get("consistencyError"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskRunner(TaskFixtures.setup(prior, "euler", 10))
                        .run(inpainting(image, ResamplingPlan.repaint(5, 3)), 1, 1));
        assertTrue(e.getMessage().contains("ddim or ddpm"), e.getMessage());
    }

    @Test
    void reportsProgressOverAllDrawsAndStopsWhenCancelled() {
        Tensor gray = TaskFixtures.pattern(1, 8, 8);
        List<int[]> calls = new ArrayList<>();
        new TaskRunner(TaskFixtures.setup(prior), (done, total, preview) -> calls.add(new int[] {done, total}), null)
                .run(new Colorization(gray, TaskFixtures.space(gray)), 2, 1);
        assertEquals(40, calls.size());
        assertArrayEquals(new int[] {40, 40}, calls.get(39));
        assertArrayEquals(new int[] {21, 40}, calls.get(20));
        AtomicInteger checks = new AtomicInteger();
        assertThrows(CancelledException.class, () -> new TaskRunner(TaskFixtures.setup(prior), null,
                () -> checks.incrementAndGet() > 3).run(new Colorization(gray, TaskFixtures.space(gray)), 1, 1));
        assertEquals(3, prior.calls.get() - 40);
    }

    /** Inpainting of a 12 x 12 pattern over the rectangle [y0, y1) x [x0, x1). */
    private static Inpainting inpainting(Tensor image, int y0, int y1, int x0, int x1, double start, boolean blend) {
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, y0, y1, x0, x1), 0, 0);
        return new Inpainting(image, known, TaskFixtures.space(image), ResamplingPlan.none(), start, blend);
    }

    @Test
    void inpaintingFromTheSmoothFillRunsTheLastStepsAndKeepsKnownPixels() {
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, 3, 8, 4, 9), 0, 0);
        Restoration r = run(inpainting(image, 3, 8, 4, 9, 0.3, false), 1, 7);
        assertEquals(6, r.metrics().get("evaluations"), "0.3 of 20 steps");
        assertEquals(0, r.metrics().get("consistencyError"));
        Restoration fill = run(inpainting(image, 3, 8, 4, 9, 0, false), 1, 7);
        assertEquals(0, fill.metrics().get("evaluations"), "start 0 runs no step");
        boolean[] hole = new boolean[144];
        for (int i = 0; i < 144; i++) {
            hole[i] = known.data()[i] < 1;
        }
        assertArrayEquals(HarmonicFill.fill(image, hole).image().data(), fill.image().data(), 0f,
                "start 0 is the harmonic fill");
        // from the fill, the result stays closer to it than a draw from noise does
        Restoration noise = run(inpainting(image, 3, 8, 4, 9, 1, false), 1, 7);
        assertTrue(Tensors.maxAbsDiff(r.image(), fill.image()) < Tensors.maxAbsDiff(noise.image(), fill.image()));
        assertMessage("start must lie in [0, 1]",
                () -> inpainting(image, 3, 8, 4, 9, 1.5, false));
    }

    @Test
    void blendingSeveralDrawsReportsTheFillWeightAndKeepsKnownPixels() {
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, 5, 7, 0, 12), 0, 0);
        Restoration blended = run(inpainting(image, 5, 7, 0, 12, 0.5, true), 3, 2);
        Restoration plain = run(inpainting(image, 5, 7, 0, 12, 0.5, false), 3, 2);
        double w = blended.metrics().get("fillWeight");
        assertTrue(w > 0 && w < 1, "weight " + w);
        Tensor fill = run(inpainting(image, 5, 7, 0, 12, 0, false), 1, 2).image();
        for (int i = 0; i < 144; i++) {
            if (known.data()[i] == 0) {
                assertEquals(w * fill.data()[i] + (1 - w) * plain.image().data()[i], blended.image().data()[i], 1e-3,
                        "the same draws' mean, weighed against the fill, at " + i);
            }
        }
        assertFalse(plain.metrics().containsKey("fillWeight"));
        assertEquals(0, blended.metrics().get("consistencyError"));
        assertArrayEquals(plain.stdDev().data(), blended.stdDev().data(), 0f, "the spread is the draws' own");
        for (int i = 0; i < 144; i++) {
            if (known.data()[i] == 1) {
                assertEquals(Float.floatToRawIntBits(image.data()[i]), Float.floatToRawIntBits(blended.image().data()[i]));
            }
        }
        assertFalse(run(inpainting(image, 5, 7, 0, 12, 0.5, true), 1, 2).metrics()
                .containsKey("fillWeight"), "one draw has no spread to weigh");
    }

    @Test
    void withAFeatheredMaskTheMeanOfDrawsIsTheMeanOfSingleRuns() {
        // each draw is composited with the input once; the mean must not be composited again. The soft projection
        // already pulls feathered pixels close to the input, so compositing twice moved them by only ~1.2e-4 here
        // (values near 1000): hence the tolerance of 1e-4, a few float steps
        Tensor image = TaskFixtures.pattern(1, 12, 12);
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, 2, 10, 2, 10), 0, 3);
        ModelSpace space = TaskFixtures.space(image);
        Tensor a = run(new Inpainting(image, known, space, ResamplingPlan.none()), 1, 5).image();
        Tensor b = new TaskRunner(TaskFixtures.setup(prior)).draw(new Inpainting(image, known, space,
                ResamplingPlan.none()), 5, 1);
        Tensor both = run(new Inpainting(image, known, space, ResamplingPlan.none()), 2, 5).image();
        int feathered = 0;
        for (int i = 0; i < 144; i++) {
            assertEquals((a.data()[i] + b.data()[i]) / 2.0, both.data()[i], 1e-4, "pixel " + i);
            feathered += known.data()[i] > 0 && known.data()[i] < 1 ? 1 : 0;
        }
        assertTrue(feathered > 0, "the mask has a feathered edge");
    }

    @Test
    void emptyOrFullMasksAndBadScalesAreRefused() {
        Tensor image = TaskFixtures.pattern(1, 6, 6);
        ModelSpace space = TaskFixtures.space(image);
        Tensor none = Masks.knownWeights(new Tensor(1, 1, 6, 6), 0, 0);
        Tensor all = Masks.knownWeights(Tensors.full(new Tensor(1, 1, 6, 6), 1), 0, 0);
        assertMessage("The mask is empty", () -> new Inpainting(image, none, space, null));
        assertMessage("covers the whole image", () -> new Inpainting(image, all, space, null));
        assertMessage("The mask is empty", () -> new SdEdit(image, none, 0.5, space));
        assertMessage("scale must be 2 or 4, got 3", () -> new SuperResolution(image, 3, 0, space));
        assertMessage("noise must lie in [0, 1)", () -> new SuperResolution(image, 2, -0.1, space));
        assertMessage("strength must lie in [0, 1], got 1.5", () -> new SdEdit(image, null, 1.5, space));
        assertMessage("grayscale", () -> new Colorization(TaskFixtures.pattern(3, 4, 4), space));
        assertMessage("samples must be at least 1", () -> run(new SdEdit(image, null, 0.5, space), 0, 1));
        assertFalse(prior.calls.get() > 0);
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
