package org.diffusionj.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.sampler.DdimSampler;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.SamplingLoop;
import org.diffusionj.engine.sampler.SamplingRun;
import org.diffusionj.engine.schedule.NoiseSchedule;
import org.junit.jupiter.api.Test;

class TiledDenoiserTest {

    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(1000, 1e-4, 0.02);

    /** Pointwise, like the diffusers test model: {@code x t / (t + 1)}, recording the input shapes. */
    private static final class Pointwise implements Denoiser {
        final List<Tensor> inputs = new ArrayList<>();

        @Override
        public Tensor predict(Tensor x, long[] t, float[][] cond) {
            inputs.add(x);
            return Tensors.scale(t[0] / (t[0] + 1.0), x);
        }
    }

    /** A 3 x 3 box blur with clamped borders: local, so tiling changes it only near tile edges. */
    private static final Denoiser BLUR = (x, t, cond) -> {
        Tensor out = x.zerosLike();
        for (int c = 0; c < x.channels(); c++) {
            for (int i = 0; i < x.height(); i++) {
                for (int j = 0; j < x.width(); j++) {
                    double s = 0;
                    for (int di = -1; di <= 1; di++) {
                        for (int dj = -1; dj <= 1; dj++) {
                            int ii = Math.max(0, Math.min(x.height() - 1, i + di));
                            int jj = Math.max(0, Math.min(x.width() - 1, j + dj));
                            s += x.get(0, c, ii, jj);
                        }
                    }
                    out.set(0, c, i, j, (float) (s / 9));
                }
            }
        }
        return out;
    };

    /** Non-local: subtracts each input's own mean, so naive stitching leaves steps at tile borders. */
    private static final Denoiser CENTRE = (x, t, cond) ->
            Tensors.sub(x, Tensors.full(x, (float) (Tensors.sum(x) / x.size())));

    private static Tensor smoothImage(int c, int h, int w, double texture) {
        Tensor t = new Tensor(1, c, h, w);
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    t.set(0, k, i, j, (float) (0.02 * j + 0.01 * i + texture * Math.sin(0.2 * i + 0.1 * j + k)));
                }
            }
        }
        return t;
    }

    @Test
    void aPointwiseDenoiserGivesTheSameOutputTiledAndUntiled() {
        Tensor x = new GaussianNoise(1).next(2, 3, 37, 53);
        Pointwise inner = new Pointwise();
        TiledDenoiser tiled = new TiledDenoiser(inner, 16, 4);
        Tensor out = tiled.predict(x, new long[] {500, 500}, null);
        Tensor expected = new Pointwise().predict(x, new long[] {500, 500}, null);
        assertEquals(0, Tensors.maxAbsDiff(out, expected), 1e-6);
        assertEquals(tiled.plan(53, 37).count(), inner.inputs.size());
        for (Tensor in : inner.inputs) {
            assertEquals(16, in.width());
            assertEquals(16, in.height());
            assertEquals(2, in.batch());
        }
    }

    @Test
    void aTiledSamplingRunOfAPointwiseDenoiserEqualsTheUntiledRun() {
        Tensor z = new GaussianNoise(9).next(1, 3, 40, 28);
        Tensor plain = sample(new Pointwise(), z);
        Tensor tiled = sample(new TiledDenoiser(new Pointwise(), 16, 6), z);
        assertEquals(0, Tensors.maxAbsDiff(plain, tiled), 1e-4);
    }

    private static Tensor sample(Denoiser d, Tensor z) {
        SamplingRun run = new DdimSampler().start(SCHEDULE, SamplerSettings.steps(10).withEta(0.85));
        return new SamplingLoop(d, PredictionType.EPSILON).withConditioning(Conditioning.none())
                .run(run, run.initialSample(z), new GaussianNoise(2));
    }

    @Test
    void imagesUpToOneTileGoThroughUntouched() {
        Pointwise inner = new Pointwise();
        Tensor x = new GaussianNoise(1).next(1, 3, 16, 12);
        new TiledDenoiser(inner, 16, 4).predict(x, new long[] {10}, null);
        assertEquals(1, inner.inputs.size());
        assertSame(x, inner.inputs.get(0));
    }

    @Test
    void aLocalDenoiserDiffersOnlySlightlyNearTileEdges() {
        Tensor x = smoothImage(1, 48, 48, 1);
        Tensor plain = BLUR.predict(x, new long[] {1}, null);
        Tensor tiled = new TiledDenoiser(BLUR, 20, 6).predict(x, new long[] {1}, null);
        double range = 4;
        assertTrue(Tensors.maxAbsDiff(plain, tiled) < 0.02 * range, "diff " + Tensors.maxAbsDiff(plain, tiled));
    }

    @Test
    void smoothBlendingLeavesNoSeamWhereHardStitchingDoes() {
        Tensor x = smoothImage(1, 64, 64, 0.1);
        TilePlan plan = TilePlan.cover(64, 64, 24, 8);
        Tensor blended = new TiledDenoiser(CENTRE, 24, 8).predict(x, new long[] {1}, null);
        Tensor stitched = stitch(CENTRE, x, plan);
        double smooth = SeamMetric.ratio(blended, plan);
        double hard = SeamMetric.ratio(stitched, plan);
        assertTrue(smooth < 1.5, "blended seam ratio " + smooth);
        assertTrue(hard > 3 * smooth, "stitched seam ratio " + hard + " vs blended " + smooth);
    }

    /** Finished tiles pasted one over the other, the approach per-step blending avoids. */
    private static Tensor stitch(Denoiser d, Tensor x, TilePlan plan) {
        Tensor out = x.zerosLike();
        for (TilePlan.Tile t : plan.tiles()) {
            Tensor o = d.predict(TiledDenoiser.crop(x, t), new long[] {1}, null);
            for (int i = 0; i < t.height(); i++) {
                for (int j = 0; j < t.width(); j++) {
                    out.set(0, 0, t.y() + i, t.x() + j, o.get(0, 0, i, j));
                }
            }
        }
        return out;
    }

    @Test
    void checksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new TiledDenoiser(null, 16, 4));
        assertThrows(IllegalArgumentException.class, () -> new TiledDenoiser(BLUR, 16, 9));
        Denoiser wrong = (x, t, c) -> new Tensor(1, 1, 1, 1);
        assertThrows(IllegalStateException.class,
                () -> new TiledDenoiser(wrong, 8, 2).predict(new Tensor(1, 1, 20, 20), new long[] {1}, null));
    }
}
