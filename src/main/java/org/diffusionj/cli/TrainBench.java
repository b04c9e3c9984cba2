package org.diffusionj.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.training.TrainingImages;
import org.diffusionj.eval.SyntheticBlobs;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.Models;
import org.diffusionj.runtime.OneDnnIsa;
import org.diffusionj.runtime.PriorTrainer;
import org.diffusionj.runtime.TorchRuntime;

/**
 * {@code ./diffusion bench --train [--model M] [--batch 8] [--size 64] [--steps 20]}: milliseconds per training
 * step (forward, backward, clipping, Adam, EMA) of the Java trainer, and, where Python's torch is installed,
 * the same step in PyTorch on the same TorchScript file in the same run ({@code tools/model/bench_train_step.py},
 * once as Python starts it and once under the oneDNN AVX2 limit that DiffusionJ sets). {@code --workers 2,1} times
 * trainers whose batches are shared by 2 and by 1 copies of the network, their steps alternating in one process (the
 * first is also compared with Python).
 */
final class TrainBench {
    private TrainBench() {
    }

    static int run(String[] args) {
        int batch = Integer.parseInt(Bench.option(args, "--batch", "8"));
        int size = Integer.parseInt(Bench.option(args, "--size", "64"));
        int steps = Integer.parseInt(Bench.option(args, "--steps", "20"));
        ModelPackage pkg = Models.find(Bench.option(args, "--model", null));
        System.out.println("machine: " + Bench.machine());
        TorchRuntime.engine();
        // Python gets Java's count: torch 1.13's own default was 1 thread on a 2-core machine where libtorch took 2
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        System.out.println("model:   " + pkg + "; batch " + batch + ", " + size + " px, medians of " + steps
                + " steps, " + threads + " thread(s) in Java and in Python");
        List<Tensor> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(SyntheticBlobs.generate(2 * size, 2 * size, i).toTensor());
        }
        TrainingImages data = TrainingImages.of(images, pkg.manifest().channels(), size, 0.1, 99.9, 0);
        int[] workers = workerCounts(Bench.option(args, "--workers", null));
        double[][] ms = new double[workers.length][steps];
        List<PriorTrainer> trainers = new ArrayList<>();
        try {
            for (int w : workers) {
                trainers.add(trainer(pkg, data, batch, steps, w));
            }
            for (PriorTrainer t : trainers) {
                System.out.println("java:    each batch shared by " + t.workers() + " cop"
                        + (t.workers() == 1 ? "y" : "ies") + " of the network, each on its own thread");
                for (int i = 1; i <= 4; i++) { // the first backward pass of a process is the one that went NaN
                    GradientCheck check = t.checkGradient(1 + (i - 1) % 2);
                    System.out.println("gradient check " + i + ": " + check + (check.passed() ? ", passed" : ", FAILED"));
                }
            }
            // with several copy counts their steps alternate, so that a machine whose speed drifts treats them alike
            for (int i = 0; i < steps + 5; i++) {
                for (int k = 0; k < trainers.size(); k++) {
                    long start = System.nanoTime();
                    trainers.get(k).step();
                    if (i >= 5) {
                        ms[k][i - 5] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        } finally {
            for (PriorTrainer t : trainers) {
                t.close();
            }
        }
        for (int k = 1; k < workers.length; k++) {
            System.out.printf(Locale.ROOT, "java, %d cop%s per batch: %.1f ms per step (steps alternating)%n",
                    trainers.get(k).workers(), trainers.get(k).workers() == 1 ? "y" : "ies", Bench.median(ms[k]));
        }
        double java = Bench.median(ms[0]);
        String limit = OneDnnIsa.current(); // as the model's first load set it (ALL: none), or the user's value
        System.out.printf(Locale.ROOT, "java (DJL, libtorch 2.7.1, oneDNN limit %s): %.1f ms per step%n",
                limit == null ? "none" : limit, java);
        Path script = Paths.get("tools", "model", "bench_train_step.py");
        boolean limited = limit != null && !"ALL".equalsIgnoreCase(limit);
        for (String isa : limited ? new String[] {null, limit} : new String[] {null}) {
            Double python = python(script, pkg, batch, size, steps, threads, isa);
            if (python == null) {
                System.out.println("python: torch not importable by /usr/bin/python3 (apt-get install python3-torch)");
                break;
            }
            System.out.printf(Locale.ROOT, "python (torch %s)%s: %.1f ms per step; java / python = %.2f%n",
                    torchVersion(), isa == null ? "" : ", ONEDNN_MAX_CPU_ISA=" + isa, python, java / python);
        }
        return 0;
    }

    /** {@code --workers 2,1}: the copy counts to time, the first also against Python; none: the default only. */
    private static int[] workerCounts(String list) {
        if (list == null) {
            return new int[] {0};
        }
        return java.util.Arrays.stream(list.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
    }

    /** A trainer with {@code workers} copies sharing each batch (0: the default for this machine). */
    private static PriorTrainer trainer(ModelPackage pkg, TrainingImages data, int batch, int steps, int workers) {
        String before = System.getProperty(PriorTrainer.WORKERS_PROPERTY);
        if (workers > 0) {
            System.setProperty(PriorTrainer.WORKERS_PROPERTY, Integer.toString(workers));
        }
        try {
            return PriorTrainer.start(pkg, TorchRuntime.select(DeviceChoice.CPU), data,
                    new PriorTrainer.Settings("bench-class", null, steps + 5, batch, 1e-4, 1e-3, 0, 0.15, 1.0));
        } finally {
            if (before == null) {
                System.clearProperty(PriorTrainer.WORKERS_PROPERTY);
            } else {
                System.setProperty(PriorTrainer.WORKERS_PROPERTY, before);
            }
        }
    }

    private static Double python(Path script, ModelPackage pkg, int batch, int size, int steps, int threads,
            String isa) {
        if (!Files.isRegularFile(script) || !Files.isExecutable(Paths.get("/usr/bin/python3"))) {
            return null;
        }
        try {
            List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(),
                    pkg.denoiserFile().toString(), "--batch", Integer.toString(batch), "--size", Integer.toString(size),
                    "--steps", Integer.toString(steps), "--cond-dim",
                    Integer.toString(pkg.manifest().conditionDim()), "--threads", Integer.toString(threads)));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (isa != null) {
                pb.environment().put("ONEDNN_MAX_CPU_ISA", isa);
            }
            Process p = pb.start();
            String result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("python_ms_per_step ")) {
                        result = line.substring("python_ms_per_step ".length()).trim();
                    }
                }
            }
            p.waitFor(10, TimeUnit.MINUTES);
            return result == null ? null : Double.parseDouble(result);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return null;
        }
    }

    private static String torchVersion() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch; print(torch.__version__)").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(1, TimeUnit.MINUTES);
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
