package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.training.TrainingImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning the fixture for a few steps, on the real DJL / libtorch runtime. */
class PriorTrainerTest {
    @TempDir
    Path dir;

    /** Small images of bright blobs on a dark ground, in 16-bit-like units. */
    static List<Tensor> blobs(int count, int size, long seed) {
        List<Tensor> images = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int n = 0; n < count; n++) {
            Tensor t = new Tensor(1, 1, size, size);
            double cy = r.nextDouble(size);
            double cx = r.nextDouble(size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                    t.data()[y * size + x] = (float) (100 + 3000 * Math.exp(-d2 / 20) + 20 * r.nextDouble());
                }
            }
            images.add(t);
        }
        return images;
    }

    private static TrainingImages data() {
        return TrainingImages.of(blobs(10, 24, 3), 3, 16, 0.1, 99.9, 5);
    }

    private static PriorTrainer trainer(String className, int steps, double lr) {
        return PriorTrainer.start(Fixture.modelPackage(), TorchRuntime.select(DeviceChoice.CPU), data(),
                new PriorTrainer.Settings(className, "alpha", steps, 4, lr, 10 * lr, 11, 0.15, 1.0));
    }

    @Test
    void theLossFallsOnFixedBatchesAndTheHeldOutLossWithIt() {
        try (PriorTrainer t = trainer("alpha", 100, 3e-3)) {
            double before = t.heldOutLoss(8).stream().mapToDouble(PriorTrainer.HeldOutLoss::predictionMse).sum();
            double fixedBefore = fixedBatches(t);
            for (int i = 0; i < 100; i++) {
                t.step();
            }
            double fixedAfter = fixedBatches(t);
            double after = t.heldOutLoss(8).stream().mapToDouble(PriorTrainer.HeldOutLoss::predictionMse).sum();
            assertTrue(fixedAfter < 0.85 * fixedBefore, "loss on fixed batches " + fixedBefore + " -> " + fixedAfter);
            assertTrue(after < before, "held-out loss " + before + " -> " + after);
            assertEquals(0, t.skippedSteps());
        }
    }

    /** The mean training loss on the batches of steps 0-9, without updating anything. */
    private static double fixedBatches(PriorTrainer t) {
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            sum += t.loss(k, false);
        }
        return sum / 10;
    }

    /**
     * A start that fails after the network loaded, here for a class to start from that the
     * model lacks, closes them: the engine's root manager holds no more models than before, however often it
     * fails (they are native memory that nothing would free until the JVM ends).
     */
    @Test
    void aFailedStartLeavesNoNetworkLoaded() throws Exception {
        ai.djl.ndarray.NDManager root;
        try (TorchScriptDenoiser probe = TorchScriptDenoiser.load(Fixture.modelPackage().denoiserFile(), 3,
                TorchRuntime.select(DeviceChoice.CPU), false)) {
            root = probe.model().getNDManager().getParentManager();
        }
        java.lang.reflect.Field resources = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        int before = ((Map<?, ?>) resources.get(root)).size();
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PriorTrainer.start(Fixture.modelPackage(), TorchRuntime.select(DeviceChoice.CPU), data(),
                            new PriorTrainer.Settings("epsilon", "no-such-class", 4, 4, 1e-3, 1e-2, 11, 0.15, 1.0)));
            assertTrue(e.getMessage().contains("no-such-class"), e.getMessage());
        }
        assertEquals(before, ((Map<?, ?>) resources.get(root)).size(), "models left open by the failed starts");
    }

    @Test
    void twoRunsWithOneSeedGiveTheSameWeights() {
        Map<String, float[]> first;
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            first = t.weightsByName();
        }
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            Map<String, float[]> second = t.weightsByName();
            for (Map.Entry<String, float[]> e : first.entrySet()) {
                assertArrayEquals(e.getValue(), second.get(e.getKey()), e.getKey());
            }
        }
    }

    /** A trainer whose batches are shared by {@code workers} copies of the network ({@code null}: the default). */
    private static PriorTrainer trainerWith(String workers, String className, int steps, double lr) {
        String before = System.getProperty(PriorTrainer.WORKERS_PROPERTY);
        try {
            if (workers == null) {
                System.clearProperty(PriorTrainer.WORKERS_PROPERTY);
            } else {
                System.setProperty(PriorTrainer.WORKERS_PROPERTY, workers);
            }
            return trainer(className, steps, lr);
        } finally {
            if (before == null) {
                System.clearProperty(PriorTrainer.WORKERS_PROPERTY);
            } else {
                System.setProperty(PriorTrainer.WORKERS_PROPERTY, before);
            }
        }
    }

    @Test
    void sharingTheBatchBetweenCopiesGivesTheWholeBatchsLossAndGradient() {
        // a new class ("delta") so that the class row's gradient is gathered too
        try (PriorTrainer one = trainerWith("1", "delta", 6, 1e-3);
                PriorTrainer two = trainerWith("2", "delta", 6, 1e-3);
                PriorTrainer four = trainerWith("4", "delta", 6, 1e-3)) {
            assertEquals(1, one.workers());
            assertEquals(2, two.workers());
            assertEquals(4, four.workers());
            for (long batch = 0; batch < 3; batch++) {
                double whole = one.loss(batch, true);
                for (PriorTrainer shared : List.of(two, four)) {
                    double sum = shared.loss(batch, true);
                    assertEquals(whole, sum, 1e-5 * whole, "loss of batch " + batch);
                    double largest = 0;
                    for (int i = 0; i < one.weightArrays(); i++) {
                        largest = Math.max(largest, norm(one.weightGradient(i)));
                    }
                    for (int i = 0; i < one.weightArrays(); i++) {
                        assertClose(one.weightGradient(i), shared.weightGradient(i), largest, "weights " + i);
                    }
                    assertClose(one.classRowGradient(), shared.classRowGradient(), 0, "class row");
                    shared.zeroGradients();
                }
                one.zeroGradients();
            }
        }
    }

    /**
     * Equal up to float rounding of sums taken in another order: the difference's norm at most 1e-4 of the expected
     * gradient's plus 1e-6 of {@code largest}, the largest gradient norm of all arrays (some layers' gradients are
     * themselves rounding noise, e.g. a bias that a normalisation removes).
     */
    private static void assertClose(float[] expected, float[] actual, double largest, String what) {
        assertEquals(expected.length, actual.length, what);
        double difference = 0;
        for (int k = 0; k < expected.length; k++) {
            difference += (expected[k] - actual[k]) * (double) (expected[k] - actual[k]);
        }
        double size = norm(expected);
        assertTrue(size > 0, what + ": no gradient");
        assertTrue(Math.sqrt(difference) <= 1e-4 * size + 1e-6 * largest,
                what + ": difference " + Math.sqrt(difference) + " against a gradient of norm " + size);
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * (double) x;
        }
        return Math.sqrt(sum);
    }

    @Test
    void sharedBatchesTrainTheSameWeightsRunAfterRunAndLeaveLibtorchsThreadsAsTheyWere() throws Exception {
        TorchRuntime.engine(); // libtorch loaded before its thread count is asked
        int threadsBefore = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        Map<String, float[]> first;
        try (PriorTrainer t = trainerWith("2", "delta", 6, 1e-3)) {
            assertEquals(threadsBefore, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "this thread's libtorch threads");
            // each copy's thread has its share of the threads, not all of them (which would oversubscribe the cores)
            for (int n : t.poolThreadCounts()) {
                assertEquals(Math.max(1, threadsBefore / 2), n, "a copy's libtorch threads");
            }
            assertEquals(2, t.poolThreadCounts().length);
            int[] later = new int[1];
            Thread thread = new Thread(() -> later[0] = ai.djl.pytorch.jni.JniUtils.getNumThreads());
            thread.start();
            thread.join();
            assertEquals(threadsBefore, later[0], "a new thread's libtorch threads");
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            assertEquals(0, t.skippedSteps());
            first = t.weightsByName();
        }
        try (PriorTrainer t = trainerWith("2", "delta", 6, 1e-3)) {
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            Map<String, float[]> second = t.weightsByName();
            for (Map.Entry<String, float[]> e : first.entrySet()) {
                assertArrayEquals(e.getValue(), second.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aClassRowThatNoItemOfAShareUsesGetsAZeroGradientThere() {
        // batch 4 shared by 4 copies: a share of one item that dropped the class (15 %) must not lose the row's gradient
        try (PriorTrainer one = trainerWith("1", "delta", 40, 1e-3);
                PriorTrainer four = trainerWith("4", "delta", 40, 1e-3)) {
            for (long batch = 0; batch < 12; batch++) {
                one.loss(batch, true);
                four.loss(batch, true);
                assertClose(one.classRowGradient(), four.classRowGradient(), 0, "class row, batch " + batch);
                one.zeroGradients();
                four.zeroGradients();
            }
        }
    }

    @Test
    void theAverageIsTheExponentialMovingAverageOfTheWeights() {
        // two copies: the update then runs on both copies' threads, each on a group of the arrays; a new class row too
        try (PriorTrainer t = trainerWith("2", "delta", 10, 1e-3)) {
            Map<String, float[]> average = t.weightsByName(); // the average starts at the initial weights
            Map<String, float[]> before = t.weightsByName();
            for (int k = 0; k < 3; k++) {
                t.step();
                float decay = (float) Math.min(0.999, (1.0 + k) / (10.0 + k));
                float rest = (float) (1 - Math.min(0.999, (1.0 + k) / (10.0 + k)));
                Map<String, float[]> live = t.weightsByName();
                for (Map.Entry<String, float[]> e : average.entrySet()) {
                    float[] a = e.getValue();
                    float[] w = live.get(e.getKey());
                    // every array is updated (with several copies each copy's thread updates a group of them)
                    assertFalse(java.util.Arrays.equals(before.get(e.getKey()), w), e.getKey() + " did not move");
                    for (int i = 0; i < a.length; i++) {
                        a[i] = a[i] * decay + w[i] * rest;
                    }
                }
            }
            Map<String, float[]> actual = t.averagedWeightsByName();
            for (Map.Entry<String, float[]> e : average.entrySet()) {
                assertArrayEquals(e.getValue(), actual.get(e.getKey()), 1e-7f, e.getKey());
            }
        }
    }

    /**
     * The optimiser's step is torch.optim.Adam's (bias-corrected moments, epsilon added to the corrected root),
     * computed here in double precision. Gradients of 1e-8 make epsilon's place matter: with epsilon added to the
     * uncorrected root, as DJL's own Adam does, the first steps move about 3 times less.
     */
    @Test
    void theOptimiserStepIsTorchsAdam() {
        TorchRuntime.engine();
        float[] start = {0.5f, -1.25f, 2f, 0f, 3e-3f, -7f};
        double[] gradientSize = {1, 1e-8, 1e-3, 5, 1e-8, 0.2};
        double rate = 1e-3;
        double scale = 0.7;
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray w = manager.create(start);
            w.setRequiresGradient(true);
            ai.djl.ndarray.NDArray m = manager.zeros(w.getShape());
            ai.djl.ndarray.NDArray v = manager.zeros(w.getShape());
            double[] expected = new double[start.length];
            double[] em = new double[start.length];
            double[] ev = new double[start.length];
            for (int i = 0; i < start.length; i++) {
                expected[i] = start[i];
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            for (int k = 1; k <= 6; k++) {
                float[] g = new float[start.length];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) (gradientSize[i] * (random.nextDouble() - 0.3));
                }
                try (ai.djl.training.GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    collector.backward(w.mul(manager.create(g)).sum()); // the gradient of sum(w g) is g
                }
                PriorTrainer.adam(w, m, v, scale, rate, k);
                w.getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0); // as the trainer clears it
                double c1 = 1 - Math.pow(0.9, k);
                double c2 = 1 - Math.pow(0.999, k);
                for (int i = 0; i < g.length; i++) {
                    double gs = (double) g[i] * (float) scale;
                    em[i] = 0.9 * em[i] + 0.1 * gs;
                    ev[i] = 0.999 * ev[i] + 0.001 * gs * gs;
                    expected[i] -= rate / c1 * em[i] / (Math.sqrt(ev[i]) / Math.sqrt(c2) + 1e-8);
                }
                float[] actual = w.toFloatArray();
                for (int i = 0; i < g.length; i++) {
                    double moved = expected[i] - start[i];
                    assertEquals(expected[i], actual[i], 2e-7 + 1e-3 * Math.abs(moved),
                            "step " + k + ", weight " + i + " (moved " + moved + ")");
                }
            }
        }
    }

    @Test
    void aNonFiniteStepIsSkippedAndTheNextOneTrainsAgain() {
        try (PriorTrainer t = trainer("gamma", 10, 1e-3)) {
            t.step();
            Map<String, float[]> before = t.weightsByName();
            t.poisonGradientForTest();
            assertTrue(Double.isNaN(t.step()), "the poisoned step is skipped");
            assertEquals(1, t.skippedSteps());
            Map<String, float[]> after = t.weightsByName();
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), "a skipped step changes nothing");
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(Double.isFinite(t.step()), "a NaN gradient must not outlive its step");
            }
            assertEquals(1, t.skippedSteps());
        }
    }

    @Test
    void trainingWorksOnAnyThreadAsImageJRunsEachCommandOnANewOne() throws Exception {
        try (PriorTrainer t = trainer("gamma", 10, 1e-3)) {
            t.heldOutLoss(4);
            Throwable[] failure = new Throwable[1];
            for (int round = 0; round < 2; round++) {
                Thread thread = new Thread(() -> {
                    try {
                        t.heldOutLoss(4);
                        t.step();
                        t.step();
                        t.keepAsBest();
                        t.heldOutLoss(4);
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                });
                thread.start();
                thread.join();
                assertEquals(null, failure[0], "round " + round);
            }
            assertEquals(4, t.stepsDone());
        }
    }

    @Test
    void theKeptAverageComesBack() {
        try (PriorTrainer t = trainer("gamma", 10, 1e-3)) {
            t.step();
            t.step();
            t.keepAsBest();
            Map<String, float[]> kept = t.averagedWeightsByName();
            t.step();
            t.step();
            assertFalse(java.util.Arrays.equals(kept.get("classRow"), t.averagedWeightsByName().get("classRow")));
            assertEquals(2, t.restoreBest());
            Map<String, float[]> back = t.averagedWeightsByName();
            for (Map.Entry<String, float[]> e : kept.entrySet()) {
                assertArrayEquals(e.getValue(), back.get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOneAndTheSeedFixesTheWeights() throws Exception {
        Map<String, float[]> straight;
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            straight = t.weightsByName();
        }
        Path state = dir.resolve("state.ndlist");
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            t.saveState(state);
        }
        try (PriorTrainer t = trainer("gamma", 999, 1e-3)) {
            t.loadState(state);
            assertEquals(3, t.stepsDone());
            assertEquals(6, t.settings().steps(), "the planned length comes from the checkpoint");
            for (int i = 0; i < 3; i++) {
                t.step();
            }
            Map<String, float[]> resumed = t.weightsByName();
            for (Map.Entry<String, float[]> e : straight.entrySet()) {
                assertArrayEquals(e.getValue(), resumed.get(e.getKey()), e.getKey() + " differs after resuming");
            }
        }
    }

    @Test
    void aNewClassAddsARowAndTheSavedPackageComputesWhatTheTrainerDoes() throws Exception {
        Path out = dir.resolve("tuned");
        Tensor x = new GaussianNoise(4).next(1, 3, 16, 16);
        Tensor inMemory;
        double trainingNoise;
        float[] startRow = Fixture.modelPackage().manifest().embeddings()[1];
        try (PriorTrainer t = trainer("gamma", 5, 1e-3)) {
            for (int i = 0; i < 5; i++) {
                t.step();
            }
            inMemory = t.predictAveraged(x, new long[] {300});
            trainingNoise = t.data().noiseSd();
            t.save(out, "tuned", "1", Map.of("steps", 5));
        }
        ModelPackage saved = ModelPackage.open(out);
        ModelManifest m = saved.manifest();
        assertEquals(List.of("none", "alpha", "beta", "gamma"), m.classes());
        assertTrue(trainingNoise > 0, "the training images are noise");
        assertEquals(trainingNoise, m.trainingNoise(), "the images' noise goes into model.json");
        float[][] original = Fixture.modelPackage().manifest().embeddings();
        for (int r = 0; r < original.length; r++) {
            assertArrayEquals(original[r], m.embeddings()[r], 1e-6f, "old rows are kept");
        }
        assertFalse(java.util.Arrays.equals(startRow, m.embeddings()[3]), "the new row was trained");
        try (TorchScriptDenoiser d = saved.loadDenoiser(TorchRuntime.select(DeviceChoice.CPU))) {
            Tensor loaded = d.predict(x, new long[] {300}, new float[][] {m.embeddings()[3]});
            assertArrayEquals(inMemory.data(), loaded.data(), 1e-5f);
        }
        try (var list = Files.list(dir)) {
            assertEquals(List.of("tuned"), list.map(p -> p.getFileName().toString()).toList(), "no partial folder left");
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (PriorTrainer t = trainer("gamma", 5, 1e-3)) {
                t.save(out, "tuned", "1", Map.of());
            }
        }, "an existing folder is never overwritten");
    }

    /**
     * The start-up check of the backward pass passes on the real runtime, and leaves nothing behind: the weights
     * bit for bit, no gradient, and the same training afterwards as without it.
     */
    @Test
    void theGradientCheckPassesAndTrainingContinuesAsIfItHadNotRun() {
        Map<String, float[]> unchecked;
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            unchecked = t.weightsByName();
        }
        try (PriorTrainer t = trainer("gamma", 6, 1e-3)) {
            Map<String, float[]> before = t.weightsByName();
            for (int batch = 1; batch <= 2; batch++) {
                GradientCheck check = t.checkGradient(batch);
                assertTrue(check.passed(), check.toString());
                assertEquals(1, check.ratio(), 0.005, check.toString());
            }
            Map<String, float[]> after = t.weightsByName();
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed by the check");
            }
            for (int i = 0; i < t.weightArrays(); i++) {
                for (float g : t.weightGradient(i)) {
                    assertEquals(0f, g, "a gradient was left behind");
                }
            }
            for (float g : t.classRowGradient()) {
                assertEquals(0f, g, "a gradient was left behind in the new class row");
            }
            for (int i = 0; i < 6; i++) {
                t.step();
            }
            Map<String, float[]> checked = t.weightsByName();
            for (Map.Entry<String, float[]> e : unchecked.entrySet()) {
                assertArrayEquals(e.getValue(), checked.get(e.getKey()), e.getKey() + " trained differently");
            }
        }
    }

    /** What the check accepts: the central difference within 2 % of the gradient's norm, finite. */
    @Test
    void theGradientCheckRejectsAWrongOrNonFiniteGradient() {
        assertTrue(new GradientCheck(0.05, 0.2, 0.198).passed());
        assertFalse(new GradientCheck(0.05, 0.2, 0.194).passed(), "3 % off, as on a wrong backend");
        assertFalse(new GradientCheck(0.05, 0.2, 0.06).passed(), "3x too large");
        assertFalse(new GradientCheck(0.05, 0.2, -0.2).passed(), "wrong sign");
        assertFalse(new GradientCheck(0.05, Double.NaN, Double.NaN).passed(), "NaN");
        assertFalse(new GradientCheck(0.05, 0, Double.NaN).passed(), "no gradient");
    }

    /**
     * The weights' gradient against central differences (float32, step 1e-2): the largest components of the first
     * and the last trained arrays, where the differences stand well above float rounding.
     */
    @Test
    void theWeightGradientMatchesFiniteDifferences() {
        try (PriorTrainer t = PriorTrainer.start(Fixture.modelPackage(), TorchRuntime.select(DeviceChoice.CPU), data(),
                new PriorTrainer.Settings("gamma", null, 10, 4, 1e-3, 1e-2, 11, 0.0, 1.0))) {
            t.loss(0, true);
            int last = t.weightArrays() - 1;
            float[][] gradients = {t.weightGradient(0), t.weightGradient(last)};
            t.zeroGradients();
            float h = 1e-2f;
            int checked = 0;
            for (int a = 0; a < 2; a++) {
                int array = a == 0 ? 0 : last;
                float[] g = gradients[a];
                Integer[] order = new Integer[g.length];
                for (int k = 0; k < g.length; k++) {
                    order[k] = k;
                }
                java.util.Arrays.sort(order, (p, q) -> Float.compare(Math.abs(g[q]), Math.abs(g[p])));
                for (int j = 0; j < Math.min(4, g.length); j++) {
                    int k = order[j];
                    t.nudgeWeight(array, k, h);
                    double up = t.loss(0, false);
                    t.nudgeWeight(array, k, -2 * h);
                    double down = t.loss(0, false);
                    t.nudgeWeight(array, k, h);
                    double fd = (up - down) / (2 * h);
                    assertEquals(fd, g[k], 0.05 * Math.abs(fd) + 2e-5, "array " + array + ", component " + k);
                    checked++;
                }
            }
            assertEquals(Math.min(4, gradients[0].length) + Math.min(4, gradients[1].length), checked);
        }
    }

    @Test
    void theClassRowGradientMatchesFiniteDifferences() {
        try (PriorTrainer t = PriorTrainer.start(Fixture.modelPackage(), TorchRuntime.select(DeviceChoice.CPU), data(),
                new PriorTrainer.Settings("gamma", null, 10, 4, 1e-3, 1e-2, 11, 0.0, 1.0))) {
            t.loss(0, true);
            float[] gradient = t.classRowGradient();
            t.zeroGradients();
            float h = 1e-2f;
            double dot = 0;
            double norms = 0;
            double normf = 0;
            for (int k = 0; k < gradient.length; k++) {
                t.nudgeClassRow(k, h);
                double up = t.loss(0, false);
                t.nudgeClassRow(k, -2 * h);
                double down = t.loss(0, false);
                t.nudgeClassRow(k, h);
                double fd = (up - down) / (2 * h);
                dot += fd * gradient[k];
                norms += gradient[k] * (double) gradient[k];
                normf += fd * fd;
                assertEquals(fd, gradient[k], 0.05 * Math.abs(fd) + 2e-5, "component " + k);
            }
            assertTrue(dot / Math.sqrt(norms * normf) > 0.99, "direction");
        }
    }

    /**
     * When one thread's share of a step fails, the error goes up only after the other threads' shares have ended:
     * they write the network's arrays, which closing the trainer frees (a JVM crash in Fiji, not an error).
     */
    @Test
    void aFailedShareIsReportedOnlyOnceTheOthersHaveEnded() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.atomic.AtomicBoolean slowEnded = new java.util.concurrent.atomic.AtomicBoolean();
            List<java.util.concurrent.Future<Double>> work = List.of(
                    pool.submit(() -> {
                        throw new IllegalStateException("share 0 failed");
                    }),
                    pool.submit(() -> {
                        Thread.sleep(300);
                        slowEnded.set(true);
                        return 1.0;
                    }));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PriorTrainer.allOf(work, "a training step"));
            assertEquals("share 0 failed", e.getMessage(), "the failure itself, not a wrapper");
            assertTrue(slowEnded.get(), "the other share had ended before the failure went up");
            // a checked failure is wrapped with what failed
            List<java.util.concurrent.Future<Double>> checked = List.of(pool.submit(() -> {
                throw new java.io.IOException("disk");
            }));
            IllegalStateException wrapped = assertThrows(IllegalStateException.class,
                    () -> PriorTrainer.allOf(checked, "the update of the weights"));
            assertTrue(wrapped.getMessage().startsWith("the update of the weights failed"), wrapped.getMessage());
            assertEquals(List.of(1.0, 2.0), PriorTrainer.allOf(List.of(pool.submit(() -> 1.0), pool.submit(() -> 2.0)),
                    "x"), "results in order");
        } finally {
            pool.shutdownNow();
        }
    }
}
