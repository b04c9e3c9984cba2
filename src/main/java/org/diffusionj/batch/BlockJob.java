package org.diffusionj.batch;

import java.io.Serializable;
import org.diffusionj.engine.tiling.TilePlan;

/**
 * One unit of distributed work: block {@code index} of {@code count} of one input file, its place in the plane
 * and its seed. Serializable and self-contained, so that any worker can run it and a retried task recomputes
 * the same pixels.
 *
 * @param file   the input file (absolute path)
 * @param width  the input plane's width
 * @param height the input plane's height
 * @param index  the block's index in the file's {@link #plan} (row-major)
 * @param count  how many blocks the file has
 * @param seed   the block's seed ({@link BlockSeeds#of})
 */
public record BlockJob(String file, int width, int height, int index, int count, long seed) implements Serializable {

    /** The blocks of a {@code width x height} plane for {@code job}. */
    public static TilePlan plan(BatchJob job, int width, int height) {
        return TilePlan.cover(width, height, job.block(), Math.min(job.overlap(), job.block() / 2));
    }

    /** This block's rectangle in the input plane. */
    public TilePlan.Tile tile(BatchJob job) {
        return plan(job, width, height).tiles().get(index);
    }

    /** The input file's name (no folder). */
    public String name() {
        return java.nio.file.Path.of(file).getFileName().toString();
    }
}
