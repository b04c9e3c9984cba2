package org.diffusionj.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.Progress;
import org.diffusionj.api.SuperResolutionOptions;
import org.diffusionj.eval.FloatImage;
import org.diffusionj.eval.SyntheticBlobs;
import org.diffusionj.runtime.DeviceChoice;

/**
 * {@code ./diffusion bench --large [--model M] [--size 2048] [--steps 2] [--device D]}: super-resolution x2 of a
 * synthetic 16-bit image ({@link SyntheticBlobs}) through per-step tiling at the engine's automatic tile size,
 * reporting the wall time, the time per step, and the memory: the process's peak resident set (VmHWM of
 * {@code /proc/self/status}: Java heap, libtorch's native memory and all) and the Java heap's limit and peak.
 * Few steps by default: on two CPU cores one step over a 4096 x 4096 output takes minutes.
 */
final class LargeImageBench {

    private LargeImageBench() {
    }

    static int run(String[] args) {
        int size = Integer.parseInt(Bench.option(args, "--size", "2048"));
        SuperResolutionOptions options = new SuperResolutionOptions();
        options.steps = Integer.parseInt(Bench.option(args, "--steps", "2"));
        System.out.println("machine: " + Bench.machine());
        FloatImage image = SyntheticBlobs.generate(size, size, 7);
        try (DiffusionEngine engine = DiffusionEngine.open(Bench.option(args, "--model", null),
                DeviceChoice.parse(Bench.option(args, "--device", "auto")))) {
            System.out.println("device:  " + engine.device());
            System.out.printf(Locale.ROOT, "model:   %s %s; super-resolution x2 of a %d x %d 16-bit image, %d steps%n",
                    engine.model().name(), engine.model().version(), size, size, options.steps);
            long start = System.nanoTime();
            Progress progress = new Progress() {
                @Override
                public void step(int done, int total) {
                    System.err.printf(Locale.ROOT, "  step %d/%d after %.1f s%n", done, total,
                            (System.nanoTime() - start) / 1e9);
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            };
            Map<String, Double> m = engine.superResolve(image.toImg(), 2, options, progress).metrics();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%n| output | tile | tiles per step | steps | wall s | s per step"
                    + " | peak RSS MB | max heap MB | peak heap MB |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
            System.out.printf(Locale.ROOT, "| %d x %d | %.0f | %.0f | %d | %.1f | %.1f | %.0f | %.0f | %.0f |%n",
                    2 * size, 2 * size, m.get("tile"), m.get("tiles"), options.steps, seconds,
                    seconds / options.steps, peakResidentMb(), Runtime.getRuntime().maxMemory() / 1048576.0,
                    peakHeapMb());
        }
        return 0;
    }

    /** The process's peak resident set size (VmHWM) in MB, NaN off Linux. */
    static double peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return Double.NaN;
    }

    /** The sum of the heap pools' peak use in MB: an upper bound on the heap's peak. */
    static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1048576.0;
    }
}
