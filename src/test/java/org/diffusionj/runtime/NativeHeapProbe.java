package org.diffusionj.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.training.TrainingImages;
import org.diffusionj.eval.SyntheticBlobs;

/**
 * Run in a JVM of its own by {@link NativeHeapTest}: training steps of the embedded model as {@code ./diffusion
 * bench --train} times them (batch 8, 64 px crops, the machine's copies of the network on threads of their own);
 * after 3 steps that settle the heap, prints the page faults of each of the next N (the argument; 0: no training,
 * the engine only) as "faults N", then "kept true|false" ({@link NativeHeap#keepFreedMemory}).
 */
public final class NativeHeapProbe {
    private NativeHeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        int counted = Integer.parseInt(args[0]);
        TorchRuntime.engine(); // which sets the switches, as for every user
        if (counted > 0) {
            countFaultsOfTrainingSteps(counted);
        }
        System.out.println("kept " + NativeHeap.keepFreedMemory());
    }

    private static void countFaultsOfTrainingSteps(int counted) {
        ModelPackage pkg = Models.find(null);
        List<Tensor> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(SyntheticBlobs.generate(128, 128, i).toTensor());
        }
        TrainingImages data = TrainingImages.of(images, pkg.manifest().channels(), 64, 0.1, 99.9, 0);
        try (PriorTrainer trainer = PriorTrainer.start(pkg, TorchRuntime.select(DeviceChoice.CPU), data,
                PriorTrainer.Settings.fineTuning("probe-class", 3 + counted, 0))) {
            for (int step = 0; step < 3 + counted; step++) {
                long before = minorFaults();
                trainer.step();
                if (step >= 3) {
                    System.out.println("faults " + (minorFaults() - before));
                }
            }
        }
    }

    /** The process's minor page faults so far ({@code /proc/self/stat}, field 10). */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Paths.get("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
