package org.diffusionj.batch;

import ij.io.FileInfo;
import ij.io.Opener;
import ij.ImagePlus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.diffusionj.engine.tiling.TilePlan;

/**
 * The work of a dataset run, planned before anything is distributed: the input files in name order, those whose
 * result already exists skipped (a re-run resumes), those that cannot be read reported, and every other file's
 * blocks.
 *
 * @param blocks  every block to restore, file by file
 * @param skipped files whose result exists already
 * @param failed  files that could not be planned, with the reason
 */
public record DatasetPlan(List<BlockJob> blocks, List<FileReport> skipped, List<FileReport> failed) {

    /** Plans {@code job}. */
    public static DatasetPlan of(BatchJob job) {
        List<BlockJob> blocks = new ArrayList<>();
        List<FileReport> skipped = new ArrayList<>();
        List<FileReport> failed = new ArrayList<>();
        Map<Path, String> results = new HashMap<>();
        long seed = job.seed();
        for (Path file : inputs(Path.of(job.input()))) {
            String name = file.getFileName().toString();
            Path result = Outputs.result(job, name);
            String earlier = results.put(result, name);
            if (earlier != null) {
                failed.add(FileReport.failed(name, "its result " + result.getFileName() + " would overwrite that of "
                        + earlier));
                continue;
            }
            if (Files.exists(result)) {
                skipped.add(FileReport.skipped(name));
                continue;
            }
            int[] size;
            try {
                size = planeSize(file);
            } catch (RuntimeException e) {
                failed.add(FileReport.failed(name, e.getMessage()));
                continue;
            }
            TilePlan plan = BlockJob.plan(job, size[0], size[1]);
            for (int i = 0; i < plan.count(); i++) {
                blocks.add(new BlockJob(file.toAbsolutePath().toString(), size[0], size[1], i, plan.count(),
                        BlockSeeds.of(seed, name, i, plan.count())));
            }
        }
        return new DatasetPlan(blocks, skipped, failed);
    }

    /** The number of files that will be restored. */
    public long files() {
        return blocks.stream().map(BlockJob::file).distinct().count();
    }

    /** The regular, non-hidden files of {@code folder} in name order, or the folder itself if a Zarr array. */
    static List<Path> inputs(Path folder) {
        if (ZarrArray.isArray(folder)) {
            return List.of(folder); // a Zarr array is one input
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Width and height of the file's planes, from the TIFF header where there is one (no pixels read). */
    static int[] planeSize(Path file) {
        if (ZarrArray.isArray(file)) {
            ZarrArray array = ZarrArray.open(file);
            return new int[] {array.width(), array.height()};
        }
        String path = file.toString();
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".tif") || lower.endsWith(".tiff")) {
            FileInfo[] info = Opener.getTiffFileInfo(path);
            if (info != null && info.length > 0 && info[0].width > 0) {
                return new int[] {info[0].width, info[0].height};
            }
        }
        ImagePlus image = Images.open(file);
        return new int[] {image.getWidth(), image.getHeight()};
    }
}
