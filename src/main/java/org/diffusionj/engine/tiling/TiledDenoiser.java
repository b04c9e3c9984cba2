package org.diffusionj.engine.tiling;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.Tensor;

/**
 * Per-step tiling (MultiDiffusion, Bar-Tal et al. 2023, eq. 5 with smooth weights): a {@link Denoiser}
 * decorator that runs the wrapped network on each tile of a {@link TilePlan} and returns the weighted mean of
 * the overlapping outputs. Because the blend happens inside every step, the sampler sees one consistent image
 * and no seams form; finished tiles are never stitched. Images no larger than a tile go through untiled.
 * Blending is linear in the network output, so it serves epsilon, v and x0 models alike.
 *
 * <p>The decorator does not own the wrapped denoiser (closing it leaves the inner one open). Not thread-safe.
 */
public final class TiledDenoiser implements Denoiser {

    private final Denoiser inner;
    private final int tile;
    private final int overlap;
    private TilePlan plan;
    private double[] totalWeight;

    /**
     * @throws IllegalArgumentException for a non-positive tile or an overlap outside [0, tile / 2]
     */
    public TiledDenoiser(Denoiser inner, int tile, int overlap) {
        if (inner == null) {
            throw new IllegalArgumentException("Tiling needs a denoiser to wrap");
        }
        TilePlan.cover(tile, tile, tile, overlap);
        this.inner = inner;
        this.tile = tile;
        this.overlap = overlap;
    }

    /** The plan for an image of this size (cached for the last size seen). */
    public TilePlan plan(int width, int height) {
        if (plan == null || plan.width() != width || plan.height() != height) {
            plan = TilePlan.cover(width, height, tile, overlap);
            totalWeight = totalWeight(plan);
        }
        return plan;
    }

    @Override
    public Tensor predict(Tensor x, long[] t, float[][] cond) {
        TilePlan p = plan(x.width(), x.height());
        if (p.isSingle()) {
            return inner.predict(x, t, cond);
        }
        double[] sum = new double[x.size()];
        for (TilePlan.Tile tile : p.tiles()) {
            Tensor in = crop(x, tile);
            Tensor out = inner.predict(in, t, cond);
            if (out == null || !out.sameShape(in)) {
                throw new IllegalStateException("Denoiser returned " + out + " for a tile of " + in);
            }
            accumulate(sum, x, out, tile, p.weights(tile));
        }
        int plane = x.height() * x.width();
        float[] blended = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            blended[i] = (float) (sum[i] / totalWeight[i % plane]);
        }
        return new Tensor(blended, x.batch(), x.channels(), x.height(), x.width());
    }

    /** The per-pixel sum of all tiles' weights (positive everywhere). */
    static double[] totalWeight(TilePlan plan) {
        double[] total = new double[plan.width() * plan.height()];
        for (TilePlan.Tile tile : plan.tiles()) {
            float[] w = plan.weights(tile);
            for (int i = 0; i < tile.height(); i++) {
                for (int j = 0; j < tile.width(); j++) {
                    total[(tile.y() + i) * plan.width() + tile.x() + j] += w[i * tile.width() + j];
                }
            }
        }
        return total;
    }

    /**
     * A copy of the tile's pixels, all batch items and channels: the tensor seen as an ImgLib2 image
     * (x, y, batch x channel), cut with a view and copied into the tile's own array.
     */
    static Tensor crop(Tensor x, TilePlan.Tile tile) {
        long planes = (long) x.batch() * x.channels();
        Tensor out = new Tensor(x.batch(), x.channels(), tile.height(), tile.width());
        RandomAccessibleInterval<FloatType> source = Views.interval(
                ArrayImgs.floats(x.data(), x.width(), x.height(), planes),
                new long[] {tile.x(), tile.y(), 0},
                new long[] {tile.x() + tile.width() - 1L, tile.y() + tile.height() - 1L, planes - 1});
        LoopBuilder.setImages(source, ArrayImgs.floats(out.data(), tile.width(), tile.height(), planes))
                .forEachPixel((from, to) -> to.set(from));
        return out;
    }

    private static void accumulate(double[] sum, Tensor x, Tensor out, TilePlan.Tile tile, float[] w) {
        float[] o = out.data();
        for (int b = 0; b < x.batch(); b++) {
            for (int c = 0; c < x.channels(); c++) {
                for (int i = 0; i < tile.height(); i++) {
                    int dst = x.index(b, c, tile.y() + i, tile.x());
                    int src = out.index(b, c, i, 0);
                    for (int j = 0; j < tile.width(); j++) {
                        sum[dst + j] += (double) w[i * tile.width() + j] * o[src + j];
                    }
                }
            }
        }
    }
}
