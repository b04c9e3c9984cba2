package org.diffusionj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.Samplers;
import org.diffusionj.engine.sampler.SamplingLoop;
import org.diffusionj.engine.sampler.SamplingRun;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.Models;
import org.diffusionj.runtime.TorchRuntime;

/**
 * {@code ./diffusion bench [--model M] [--sizes 128,256] [--steps N] [--sampler S] [--device D]}: for each
 * size, the median model forward time, the median whole sampling-step time (forward plus the engine's
 * own work: sampler arithmetic, copies to and from native memory) and the engine's overhead as a
 * percentage of the step. Medians over the steps after a warm-up run. With {@code --large}: the large-image
 * measurement of {@link LargeImageBench}; {@code --blocks}: the seams of block-wise restoration, {@link BlockBench}.
 */
public final class Bench {
    private Bench() {
    }

    public static int run(String[] args) {
        if (Arrays.asList(args).contains("--large")) {
            return LargeImageBench.run(args);
        }
        if (Arrays.asList(args).contains("--blocks")) {
            return BlockBench.run(args);
        }
        if (Arrays.asList(args).contains("--train")) {
            return TrainBench.run(args);
        }
        String model = option(args, "--model", null);
        int steps = Integer.parseInt(option(args, "--steps", "20"));
        String sampler = option(args, "--sampler", "ddim");
        DeviceSelection device = TorchRuntime.select(DeviceChoice.parse(option(args, "--device", "auto")));
        int[] sizes = Arrays.stream(option(args, "--sizes", "64,128,256").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        ModelPackage pkg = Models.find(model);
        System.out.println("machine: " + machine());
        System.out.println("device:  " + device);
        System.out.println("model:   " + pkg + ", sampler " + sampler + ", " + steps + " steps, medians");
        System.out.printf("%-9s %12s %12s %12s%n", "size", "forward ms", "step ms", "overhead");
        try (Denoiser denoiser = pkg.loadDenoiser(device)) {
            for (int size : sizes) {
                double[] r = measure(denoiser, pkg.manifest(), size, steps, sampler);
                System.out.printf("%-9s %12.1f %12.1f %11.2f%%%n", size + "x" + size, r[0], r[1], r[2]);
            }
        }
        return 0;
    }

    /** {median forward ms, median step ms, median overhead %} for one image size. */
    static double[] measure(Denoiser inner, ModelManifest m, int size, int steps, String samplerName) {
        TimedDenoiser timed = new TimedDenoiser(inner);
        Conditioning cond = m.isConditional()
                ? Conditioning.of(m.embeddings()[Math.min(1, m.embeddings().length - 1)], null) : Conditioning.none();
        List<double[]> perStep = new ArrayList<>();
        long[] last = new long[1];
        SamplingLoop loop = new SamplingLoop(timed, m.prediction()).withConditioning(cond)
                .withProgress((done, total, x0) -> {
                    long now = System.nanoTime();
                    perStep.add(new double[] {(now - last[0]) / 1e6, timed.takeMillis()});
                    last[0] = now;
                });
        GaussianNoise noise = new GaussianNoise(1);
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT and libtorch
            perStep.clear();
            SamplingRun run = Samplers.byName(samplerName).start(m.schedule(), SamplerSettings.steps(steps));
            Tensor start = run.initialSample(noise.next(1, m.channels(), size, size));
            timed.takeMillis();
            last[0] = System.nanoTime();
            loop.run(run, start, noise);
        }
        double[] step = perStep.stream().mapToDouble(s -> s[0]).toArray();
        double[] forward = perStep.stream().mapToDouble(s -> s[1]).toArray();
        double[] overhead = perStep.stream().mapToDouble(s -> 100 * (s[0] - s[1]) / s[0]).toArray();
        return new double[] {median(forward), median(step), median(overhead)};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static String machine() {
        return org.diffusionj.runtime.Machine.describe();
    }

    /** Measures the time spent inside the wrapped denoiser. */
    static final class TimedDenoiser implements Denoiser {
        private final Denoiser inner;
        private long nanos;

        TimedDenoiser(Denoiser inner) {
            this.inner = inner;
        }

        @Override
        public Tensor predict(Tensor x, long[] t, float[][] cond) {
            long start = System.nanoTime();
            try {
                return inner.predict(x, t, cond);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        double takeMillis() {
            double ms = nanos / 1e6;
            nanos = 0;
            return ms;
        }
    }
}
