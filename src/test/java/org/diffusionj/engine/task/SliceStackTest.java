package org.diffusionj.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.noise.PoissonGaussianNoise;
import org.diffusionj.engine.sampler.PredictionHook;
import org.diffusionj.engine.sampler.SamplingRun;
import org.junit.jupiter.api.Test;

/** A z-stack's slices sampled as one batch, with and without the TV coupling along z. */
class SliceStackTest {

    private final GaussianPriorDenoiser prior = new GaussianPriorDenoiser(0.1, 0.6);

    /** Slices of a smooth volume, each slightly shifted: a stack whose slices differ little. */
    private static List<Tensor> volume(int depth, int h, int w) {
        List<Tensor> slices = new ArrayList<>();
        for (int z = 0; z < depth; z++) {
            Tensor t = new Tensor(1, 1, h, w);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    t.set(0, 0, i, j, (float) (1000 + 300 * Math.sin(0.4 * i + 0.05 * z) * Math.cos(0.3 * j)));
                }
            }
            slices.add(t);
        }
        return slices;
    }

    private static ModelSpace shared(List<Tensor> slices) {
        return TaskFixtures.space(Tensor.stack(slices.toArray(Tensor[]::new)));
    }

    private static SliceStack superResolution(List<Tensor> slices, double zWeight) {
        ModelSpace space = shared(slices);
        return new SliceStack(slices.stream().map(s -> new SuperResolution(s, 2, 0, space)).toList(), zWeight);
    }

    /** The mean |x[z+1] - x[z]| over the stack. */
    static double sliceDifference(Tensor x) {
        double sum = 0;
        int item = x.itemSize();
        for (int z = 0; z + 1 < x.batch(); z++) {
            for (int i = 0; i < item; i++) {
                sum += Math.abs(x.data()[(z + 1) * item + i] - x.data()[z * item + i]);
            }
        }
        return sum / ((x.batch() - 1) * (double) item);
    }

    @Test
    void couplingLowersSliceDifferencesAndKeepsEverySliceConsistent() {
        List<Tensor> slices = volume(6, 6, 8);
        TaskRunner runner = new TaskRunner(TaskFixtures.setup(prior));
        Restoration independent = runner.run(superResolution(slices, 0), 1, 4);
        Restoration coupled = runner.run(superResolution(slices, 0.1), 1, 4);
        assertArrayEquals(new int[] {6, 1, 12, 16}, coupled.image().shape());
        double free = sliceDifference(independent.image());
        double tied = sliceDifference(coupled.image());
        assertTrue(tied < 0.5 * free, "coupled " + tied + " vs independent " + free);
        // the projection comes after the coupling: every slice still pools back to its input
        assertTrue(coupled.metrics().get("consistencyError") <= 1e-5, coupled.metrics().toString());
        AveragePool pool = new AveragePool(2);
        double range = shared(slices).normalization().range();
        for (int z = 0; z < 6; z++) {
            assertTrue(Tensors.maxAbsDiff(pool.apply(coupled.image().sample(z)), slices.get(z)) <= 1e-5 * range);
        }
    }

    @Test
    void hookOrderIsCouplingThenProjection() {
        Tensor x0 = new GaussianNoise(2).next(5, 1, 4, 4);
        Tensor y = new GaussianNoise(3).next(5, 1, 2, 2);
        AveragePool pool = new AveragePool(2);
        SamplingRun run = TaskFixtures.setup(prior).sampler().start(GaussianPriorDenoiser.SCHEDULE,
                TaskFixtures.setup(prior).settings());
        PredictionHook hook = new TotalVariationZ(0.3).then(new NullSpaceProjection(pool, y, 0, run));
        Prediction p = hook.apply(new Prediction(x0, x0.zerosLike()), 0, x0);
        assertTrue(Tensors.maxAbsDiff(pool.apply(p.x0()), y) < 1e-5, "A x0' = y after the composite");
        // the other order would break the data consistency
        PredictionHook reversed = new NullSpaceProjection(pool, y, 0, run).then(new TotalVariationZ(0.3));
        Prediction q = reversed.apply(new Prediction(x0, x0.zerosLike()), 0, x0);
        assertTrue(Tensors.maxAbsDiff(pool.apply(q.x0()), y) > 1e-3);
    }

    @Test
    void slicesKeepTheirOwnFinishAndMasks() {
        List<Tensor> slices = volume(3, 12, 12);
        ModelSpace space = shared(slices);
        Tensor known = Masks.knownWeights(TaskFixtures.maskRowsFirst(12, 12, 3, 8, 4, 9), 0, 0);
        SliceStack stack = new SliceStack(slices.stream().map(s -> new Inpainting(s, known, space,
                null)).toList(), 0.05);
        Restoration r = new TaskRunner(TaskFixtures.setup(prior)).run(stack, 2, 1);
        assertEquals(0, r.metrics().get("consistencyError"));
        assertNotNull(r.stdDev());
        for (int z = 0; z < 3; z++) {
            assertEquals(slices.get(z).get(0, 0, 0, 0), r.image().get(z, 0, 0, 0));
        }
    }

    @Test
    void denoisingSlicesShareTheStacksNoiseLevel() {
        List<Tensor> slices = volume(4, 8, 8);
        PoissonGaussianNoise noise = new PoissonGaussianNoise(2, 0, 1);
        ModelSpace space = Denoising.space(Tensor.stack(slices.toArray(Tensor[]::new)), noise, 3, 0.1, 99.9);
        SliceStack stack = new SliceStack(slices.stream().map(s -> Denoising.of(s, null, noise, space)).toList(),
                0.05);
        Restoration r = new TaskRunner(TaskFixtures.setup(prior)).run(stack, 1, 1);
        assertArrayEquals(new int[] {4, 1, 8, 8}, r.image().shape());
        assertTrue(Tensors.allFinite(r.image()));
        assertNull(new SliceStack(slices.stream().map(s -> Denoising.of(s, null, noise, space)).toList(), 0)
                .coupling());
    }

    /** Noisy slices: DDNM+ takes y's noise per component in a stack as it does on one slice. */
    @Test
    void aStackOfSpectralOperatorsIsSpectral() {
        List<Tensor> slices = volume(3, 8, 8);
        ModelSpace space = shared(slices);
        SliceStack stack = new SliceStack(slices.stream().map(s -> new SuperResolution(s, 2, 0.05, space)).toList(),
                0);
        SpectralOperator a = assertInstanceOf(SpectralOperator.class, stack.problem().operator());
        Tensor y = stack.problem().y();
        AveragePool one = new AveragePool(2);
        Tensor weighted = a.weightedPseudoInverse(y, s -> s * 3);
        Tensor range = a.rangeComponents(weighted, s -> 0.5);
        for (int z = 0; z < 3; z++) {
            Tensor expected = one.weightedPseudoInverse(y.sample(z), s -> s * 3);
            assertEquals(0, Tensors.maxAbsDiff(weighted.sample(z), expected), 0);
            assertEquals(0, Tensors.maxAbsDiff(range.sample(z), one.rangeComponents(expected, s -> 0.5)), 0);
        }
    }

    @Test
    void slicesThatDisagreeAreRefused() {
        List<Tensor> slices = volume(2, 6, 8);
        // each slice with its own normalisation: the noise levels differ
        List<SuperResolution> own = slices.stream().map(s -> new SuperResolution(s, 2, 0.1,
                TaskFixtures.space(s.copy()))).toList();
        Tensor other = TaskFixtures.pattern(1, 6, 8);
        List<SuperResolution> mixed = List.of(new SuperResolution(slices.get(0), 2, 0, shared(slices)),
                new SuperResolution(other, 4, 0, shared(slices)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SliceStack(mixed, 0.05));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SliceStack(List.of(), 0.05));
        assertThrows(IllegalArgumentException.class, () -> new SliceStack(own.subList(0, 1), -1));
    }
}
