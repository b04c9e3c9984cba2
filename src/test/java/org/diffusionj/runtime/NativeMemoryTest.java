package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.inversion.NullTextInversion;
import org.diffusionj.engine.inversion.NullTextInversion.Mode;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.engine.sampler.SamplingLoop;
import org.diffusionj.engine.sampler.SamplingRun;
import org.junit.jupiter.api.Test;

/**
 * 500 sampling steps, and a 50-step null-text inversion with up to 10 gradient steps each, through the real
 * TorchScript runtime leave native memory where it was.
 */
class NativeMemoryTest {

    @Test
    void fiveHundredStepsDoNotGrowNativeMemory() throws IOException {
        ModelPackage pkg = Fixture.modelPackage();
        try (TorchScriptDenoiser denoiser = pkg.loadDenoiser(TorchRuntime.select(DeviceChoice.CPU))) {
            SamplingLoop loop = new SamplingLoop(denoiser, pkg.manifest().prediction())
                    .withConditioning(Conditioning.of(pkg.manifest().embeddings()[1], null));
            GaussianNoise noise = new GaussianNoise(3);
            Runnable sample = () -> {
                SamplingRun run = Samplers.byName("ddpm").start(pkg.manifest().schedule(),
                        SamplerSettings.steps(500));
                Tensor x = loop.run(run, run.initialSample(noise.next(1, 3, 16, 16)), noise);
                assertTrue(Float.isFinite(x.data()[0]));
            };
            sample.run(); // warm-up: libtorch's allocator and the JIT settle during the first run
            long before = residentKb();
            long managerBefore = denoiser.model().getNDManager().getManagedArrays().size();
            sample.run();
            long after = residentKb();
            long growthMb = (after - before) / 1024;
            assertTrue(growthMb < 8, "resident memory grew by " + growthMb + " MB over 500 steps");
            assertTrue(denoiser.model().getNDManager().getManagedArrays().size() <= managerBefore,
                    "native arrays left behind in the model's manager");
        }
    }

    @Test
    void nullTextInversionOfFiftyStepsTimesTenInnerStepsDoesNotGrowNativeMemory() throws IOException {
        ModelPackage pkg = Fixture.modelPackage();
        float[][] table = pkg.manifest().embeddings();
        try (TorchScriptDenoiser denoiser = pkg.loadDifferentiableDenoiser(TorchRuntime.select(DeviceChoice.CPU))) {
            NullTextInversion inversion = new NullTextInversion(denoiser,
                    pkg.manifest().prediction(), pkg.manifest().schedule(), 50, 7.5, 10);
            Tensor image = Tensors.clamp(new GaussianNoise(5).next(1, 3, 16, 16), -1, 1);
            Runnable round = () -> {
                NullTextInversion.Inversion inv = inversion.invert(image, table[1], table[0], Mode.EXACT);
                assertTrue(Float.isFinite(inv.latents()[50].data()[0]));
                assertTrue(Arrays.stream(inv.initialLosses()).anyMatch(l -> l > 0), "the optimisation must run");
            };
            // warm-up: libtorch's allocator settles over the first two rounds (measured: +-10 MB, then flat)
            round.run();
            round.run();
            long before = residentKb();
            long managerBefore = denoiser.model().getNDManager().getManagedArrays().size();
            round.run();
            long growthMb = (residentKb() - before) / 1024;
            assertTrue(growthMb < 8, "resident memory grew by " + growthMb + " MB over a null-text inversion");
            assertTrue(denoiser.model().getNDManager().getManagedArrays().size() <= managerBefore,
                    "native arrays left behind in the model's manager");
        }
    }

    @Test
    void trainingStepsDoNotGrowNativeMemory() throws IOException {
        org.diffusionj.engine.training.TrainingImages data = org.diffusionj.engine.training.TrainingImages.of(
                PriorTrainerTest.blobs(6, 24, 3), 3, 16, 0.1, 99.9, 5);
        try (PriorTrainer t = PriorTrainer.start(Fixture.modelPackage(), TorchRuntime.select(DeviceChoice.CPU), data,
                new PriorTrainer.Settings("gamma", null, 400, 4, 1e-3, 1e-2, 1, 0.15, 1.0))) {
            for (int i = 0; i < 100; i++) { // warm-up: allocator and JIT
                t.step();
            }
            long managerBefore = t.denoiser().model().getNDManager().getManagedArrays().size();
            // the resident size swings by tens of MB from round to round (allocator), so a leak is judged by
            // the smallest of the last rounds against the largest of the first: a leak lifts them all
            long[] rss = new long[6];
            for (int r = 0; r < rss.length; r++) {
                for (int i = 0; i < 150; i++) {
                    t.step();
                }
                t.heldOutLoss(4);
                rss[r] = residentKb() / 1024;
            }
            long early = Math.max(rss[0], rss[1]);
            long late = Math.min(rss[4], rss[5]);
            assertTrue(late - early < 16, "resident memory rose over 900 training steps: " + Arrays.toString(rss)
                    + " MB");
            assertEquals(managerBefore, t.denoiser().model().getNDManager().getManagedArrays().size(),
                    "native arrays left behind in the model's manager");
        }
    }

    /** VmRSS of this process, after a full GC so the Java heap does not hide or fake native growth. */
    static long residentKb() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
