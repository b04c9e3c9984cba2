package org.diffusionj.cli;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.diffusionj.batch.BatchJob;
import org.diffusionj.batch.BlockJob;
import org.diffusionj.batch.DatasetRun;
import org.diffusionj.batch.FileReport;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.tiling.SeamMetric;
import org.diffusionj.engine.tiling.TilePlan;
import org.diffusionj.eval.FloatImage;
import org.diffusionj.eval.SyntheticBlobs;

/**
 * {@code ./diffusion bench --blocks [--size 256] [--block 96] [--overlap 24] [--steps 20] [--model M]}: the seams of
 * a plane restored in independent blocks (the dataset run the Spark job distributes: {@link DatasetRun}), against
 * the same plane restored whole and with the engine's per-step tiling, all through the same command
 * (super-resolution x2 of a synthetic 16-bit image). Each result's seam ratio ({@link SeamMetric}: the gradient
 * across block borders over the gradient elsewhere) is measured on its own borders and, as the baseline, on the
 * whole-plane result at the same borders.
 */
final class BlockBench {
    private BlockBench() {
    }

    static int run(String[] args) {
        int size = Integer.parseInt(Bench.option(args, "--size", "256"));
        int block = Integer.parseInt(Bench.option(args, "--block", "96"));
        int overlap = Integer.parseInt(Bench.option(args, "--overlap", "24"));
        int steps = Integer.parseInt(Bench.option(args, "--steps", "20"));
        String model = Bench.option(args, "--model", null);
        String options = "steps=" + steps + " seed=1" + (model == null ? "" : " model=[" + model + "]");
        System.out.println("machine: " + Bench.machine());
        System.out.printf(Locale.ROOT, "super-resolution x2 of a %d x %d 16-bit image, %d steps; blocks of %d input "
                + "px, overlap %d%n", size, size, steps, block, overlap);
        try {
            Path dir = Files.createTempDirectory("diffusionj-blocks");
            Path in = Files.createDirectories(dir.resolve("in"));
            FloatImage image = SyntheticBlobs.generate(size, size, 7);
            ShortProcessor sp = new ShortProcessor(size, size);
            for (int i = 0; i < size * size; i++) {
                sp.set(i, Math.max(0, Math.min(65535, Math.round(image.data()[i]))));
            }
            new FileSaver(new ImagePlus("blobs.tif", sp)).saveAsTiff(in.resolve("blobs.tif").toString());

            Timed whole = restore(dir, "whole", options, size, 0);
            Timed blended = restore(dir, "blocks", options, block, overlap);
            Timed stitched = restore(dir, "stitched", options, block, 0);
            Timed tiled = restore(dir, "tiled", options + " tile=" + 2 * block + " overlap=" + 2 * overlap, size, 0);

            TilePlan blocks = TilePlan.cover(size, size, block, overlap).scaled(2);
            TilePlan joins = TilePlan.cover(size, size, block, 0).scaled(2);
            TilePlan tiles = TilePlan.cover(2 * size, 2 * size, 2 * block, 2 * overlap);
            System.out.printf(Locale.ROOT, "%n| restored | borders | seam ratio | whole plane, same borders | wall s |%n"
                    + "|---|---|---:|---:|---:|%n");
            row("in blocks, blended (the Spark job)", blocks, blended, whole);
            row("in blocks, stitched without overlap", joins, stitched, whole);
            row("whole, per-step tiling (in-process)", tiles, tiled, whole);
            System.out.printf(Locale.ROOT, "| whole plane | - | - | - | %.1f |%n", whole.seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private record Timed(Tensor image, double seconds) {
    }

    private static void row(String name, TilePlan plan, Timed result, Timed whole) {
        System.out.printf(Locale.ROOT, "| %s | %d x %d, %d px | %.2f | %.2f | %.1f |%n", name,
                plan.columnStarts().length, plan.rowStarts().length, plan.tiles().get(0).width(),
                SeamMetric.ratio(result.image, plan), SeamMetric.ratio(whole.image, plan), result.seconds);
    }

    private static Timed restore(Path dir, String name, String options, int block, int overlap) {
        Path out = dir.resolve(name);
        long start = System.nanoTime();
        List<FileReport> reports = DatasetRun.sequential(new BatchJob("super-resolution", options,
                dir.resolve("in").toString(), out.toString(), null, block, overlap));
        double seconds = (System.nanoTime() - start) / 1e9;
        FileReport r = reports.get(0);
        if (r.status() != FileReport.Status.WRITTEN) {
            throw new IllegalStateException(name + ": " + r.line());
        }
        ImagePlus image = new Opener().openImage(out.resolve("blobs.tif").toString());
        float[] data = (float[]) image.getProcessor().convertToFloat().getPixels();
        return new Timed(new Tensor(data, 1, 1, image.getHeight(), image.getWidth()), seconds);
    }
}
