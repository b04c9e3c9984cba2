package org.diffusionj.batch;

import ij.ImagePlus;
import ij.gui.Roi;
import java.nio.file.Path;
import org.diffusionj.engine.tiling.TilePlan;
import org.diffusionj.imagej.ImageJProgress;
import org.diffusionj.imagej.StackRunner;
import org.diffusionj.imagej.TaskCommand;

/**
 * Restores one block on whatever machine runs it: opens the input (and its mask), cuts the block out of every
 * plane, runs the command exactly as the macro would ({@link TaskCommand#execute}) with the block's seed, and
 * returns the result's bytes. Every failure becomes a failed {@link BlockResult} naming the file: a bad file
 * fails alone and never ends the run.
 */
public final class BlockRestorer {
    private BlockRestorer() {
    }

    /** Restores {@code block} of {@code job} with engines from {@code engines}. */
    public static BlockResult restore(BatchJob job, BlockJob block, EnginePool engines) {
        long start = System.nanoTime();
        try {
            TilePlan.Tile tile = block.tile(job);
            ImagePlus part = Images.block(Path.of(block.file()), block, tile);
            if (job.masks() != null) {
                ImagePlus mask = Images.open(Path.of(job.masks()).resolve(block.name()));
                if (mask.getWidth() != block.width() || mask.getHeight() != block.height()) {
                    throw new IllegalArgumentException("its mask is " + mask.getWidth() + " x " + mask.getHeight()
                            + ", the image " + block.width() + " x " + block.height());
                }
                Roi selection = Images.selection(mask, tile);
                if (selection == null) {
                    // nothing to restore in this block: it keeps the input's pixels, as outside any selection
                    return new BlockResult(block, Images.serialize(part), null, seconds(start), null);
                }
                part.setRoi(selection);
            }
            StackRunner.Output out = TaskCommand.execute(job.command(), part, job.settings(block.seed()),
                    new ImageJProgress(job.command().macroName(), () -> false), engines);
            return new BlockResult(block, Images.serialize(out.image()),
                    out.stdDev() == null ? null : Images.serialize(out.stdDev()), seconds(start), null);
        } catch (RuntimeException | OutOfMemoryError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return BlockResult.failed(block, message, seconds(start));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
