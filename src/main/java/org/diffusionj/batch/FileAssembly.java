package org.diffusionj.batch;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import java.util.Comparator;
import java.util.List;
import org.diffusionj.engine.tiling.TilePlan;
import org.diffusionj.imagej.FloatPlanes;

/**
 * Puts one file's restored blocks back together and writes the result. A file restored in one block is written
 * as that block's result. Blocks are blended where they overlap with the raised-cosine weights of the in-process
 * tiling ({@link TilePlan#weights}), on the result's grid ({@link TilePlan#scaled} for a magnified result): each
 * pixel is the weighted mean of the blocks covering it, so no block edge shows as a step. If any block failed,
 * nothing is written and the file is reported failed.
 */
public final class FileAssembly {
    private FileAssembly() {
    }

    /** Assembles and writes the file of {@code results} (all its blocks, in any order). */
    public static FileReport write(BatchJob job, List<BlockResult> results) {
        List<BlockResult> blocks = results.stream().sorted(Comparator.comparingInt(r -> r.block().index())).toList();
        BlockJob first = blocks.get(0).block();
        String name = first.name();
        double seconds = blocks.stream().mapToDouble(BlockResult::seconds).sum();
        for (BlockResult r : blocks) {
            if (!r.ok()) {
                return new FileReport(name, FileReport.Status.FAILED, 0, seconds, blocks.size() == 1 ? r.error()
                        : "block " + (r.block().index() + 1) + " of " + r.block().count() + ": " + r.error());
            }
        }
        if (blocks.size() != first.count()) {
            return new FileReport(name, FileReport.Status.FAILED, 0, seconds, "only " + blocks.size() + " of "
                    + first.count() + " blocks came back");
        }
        try {
            ImagePlus result = blocks.size() == 1 ? Images.deserialize(blocks.get(0).result())
                    : blend(job, blocks, false);
            boolean withSd = blocks.stream().anyMatch(r -> r.stdDev() != null);
            if (withSd) {
                ImagePlus sd = blocks.size() == 1 ? Images.deserialize(blocks.get(0).stdDev())
                        : blend(job, blocks, true);
                Outputs.write(job, name, sd, Outputs.stdDev(job, name)); // first: the result marks completion
            }
            Outputs.write(job, name, result, Outputs.result(job, name));
        } catch (RuntimeException e) {
            return new FileReport(name, FileReport.Status.FAILED, 0, seconds, e.getMessage());
        }
        return new FileReport(name, FileReport.Status.WRITTEN, blocks.size(), seconds, "");
    }

    /** The blocks' results (or SD maps) blended into one image shaped like block 0's, covering the whole plane. */
    private static ImagePlus blend(BatchJob job, List<BlockResult> blocks, boolean stdDev) {
        BlockJob first = blocks.get(0).block();
        ImagePlus template = null;
        TilePlan plan = null;
        double[][][] sums = null; // [stack index][component][pixel]
        double[] weights = null;
        int width = 0;
        for (BlockResult r : blocks) {
            byte[] bytes = stdDev ? r.stdDev() : r.result();
            if (bytes == null) {
                continue; // a block with nothing to restore has no spread: it adds weight, and zeros
            }
            ImagePlus part = Images.deserialize(bytes);
            if (template == null) {
                template = part;
                int scale = part.getWidth() / first.tile(job).width();
                plan = BlockJob.plan(job, first.width(), first.height()).scaled(scale);
                width = plan.width();
                sums = new double[part.getStackSize()][components(part)][plan.width() * plan.height()];
                weights = new double[plan.width() * plan.height()];
            }
            TilePlan.Tile tile = plan.tiles().get(r.block().index());
            if (part.getWidth() != tile.width() || part.getHeight() != tile.height()
                    || part.getStackSize() != sums.length) {
                throw new IllegalStateException("block " + (r.block().index() + 1) + " came back " + part.getWidth()
                        + " x " + part.getHeight() + " x " + part.getStackSize() + ", expected " + tile.width() + " x "
                        + tile.height() + " x " + sums.length);
            }
            accumulate(part, tile, plan.weights(tile), width, sums);
        }
        if (template == null) {
            throw new IllegalStateException("no block made a standard deviation map");
        }
        for (BlockResult r : blocks) { // every block weighs in, also one that had nothing to restore
            TilePlan.Tile tile = plan.tiles().get(r.block().index());
            float[] w = plan.weights(tile);
            for (int i = 0; i < tile.height(); i++) {
                for (int j = 0; j < tile.width(); j++) {
                    weights[(tile.y() + i) * width + tile.x() + j] += w[i * tile.width() + j];
                }
            }
        }
        ImageStack stack = new ImageStack(plan.width(), plan.height());
        for (int s = 0; s < sums.length; s++) {
            ImageProcessor like = template.getStack().getProcessor(s + 1);
            stack.addSlice(template.getStack().getSliceLabel(s + 1), toProcessor(like, sums[s], weights,
                    plan.width(), plan.height()));
        }
        ImagePlus out = template.createImagePlus();
        out.setTitle(template.getTitle());
        out.setStack(stack, template.getNChannels(), template.getNSlices(), template.getNFrames());
        out.setOpenAsHyperStack(template.getOpenAsHyperStack() || template.isHyperStack());
        out.setProperty("Info", (template.getInfoProperty() == null ? "" : template.getInfoProperty())
                + "\nBlocks: " + first.count() + " of " + job.block() + " x " + job.block() + " input pixels, "
                + "overlap " + Math.min(job.overlap(), job.block() / 2) + " (raised-cosine blend), seed per block\n");
        if (template.isComposite()) {
            CompositeImage ci = new CompositeImage(out, ((CompositeImage) template).getMode());
            ci.setLuts(((CompositeImage) template).getLuts());
            return ci;
        }
        if (template.getBitDepth() != 24) {
            out.setLut(template.getProcessor().getLut());
            out.setDisplayRange(template.getDisplayRangeMin(), template.getDisplayRangeMax());
        }
        return out;
    }

    private static int components(ImagePlus image) {
        return image.getBitDepth() == 24 ? 3 : 1;
    }

    private static void accumulate(ImagePlus part, TilePlan.Tile tile, float[] w, int width, double[][][] sums) {
        for (int s = 0; s < sums.length; s++) {
            ImageProcessor ip = part.getStack().getProcessor(s + 1);
            int[] rgb = new int[3];
            for (int i = 0; i < tile.height(); i++) {
                for (int j = 0; j < tile.width(); j++) {
                    int at = (tile.y() + i) * width + tile.x() + j;
                    double weight = w[i * tile.width() + j];
                    if (ip instanceof ColorProcessor cp) {
                        cp.getPixel(j, i, rgb);
                        for (int c = 0; c < 3; c++) {
                            sums[s][c][at] += weight * rgb[c];
                        }
                    } else {
                        sums[s][0][at] += weight * ip.getf(j, i);
                    }
                }
            }
        }
    }

    /** The weighted means as a processor of {@code like}'s type (8, 16, 32-bit or RGB). */
    private static ImageProcessor toProcessor(ImageProcessor like, double[][] sums, double[] weights, int w, int h) {
        if (like instanceof ColorProcessor) {
            ColorProcessor cp = new ColorProcessor(w, h);
            for (int i = 0; i < weights.length; i++) {
                int r = clip(sums[0][i] / weights[i], 255);
                int g = clip(sums[1][i] / weights[i], 255);
                int b = clip(sums[2][i] / weights[i], 255);
                cp.set(i, (r << 16) | (g << 8) | b);
            }
            return cp;
        }
        float[] mean = new float[weights.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sums[0][i] / weights[i]);
        }
        return FloatPlanes.fromFloats(mean, w, h, like.getBitDepth()); // rounded and clipped as every result is
    }

    private static int clip(double v, int max) {
        return v <= 0 ? 0 : v >= max ? max : (int) Math.round(v);
    }
}
