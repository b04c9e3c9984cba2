package org.diffusionj.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class TrainingImagesTest {
    private static List<Tensor> stack(int planes, long seed) {
        GaussianNoise noise = new GaussianNoise(seed);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < planes; i++) {
            out.add(noise.next(1, 1, 20, 20));
        }
        return out;
    }

    @Test
    void wholeFilesAreHeldOutSoThatNeighbouringSlicesNeverSitOnBothSides() {
        List<List<Tensor>> files = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            files.add(stack(3, f));
        }
        TrainingImages data = TrainingImages.ofGroups(files, 3, 16, 0.1, 99.9, 7);
        assertEquals(3, data.heldOutCount(), "one file of ten, with its three planes");
        assertEquals(27, data.trainingCount());
        TrainingImages single = TrainingImages.ofGroups(List.of(stack(20, 1)), 3, 16, 0.1, 99.9, 7);
        assertEquals(2, single.heldOutCount(), "one stack: its last tenth");
        assertFalse(single.heldOutIsTraining());
        assertTrue(TrainingImages.of(stack(1, 2), 3, 16, 0.1, 99.9, 7).heldOutIsTraining());
    }

    @Test
    void theNoiseOfTheNormalisedImagesIsMeasured() {
        // four flat blocks plus Gaussian noise of SD 3 in the images' units: its SD after normalisation is known
        // (the estimator measures flat regions; a steep ramp reads as an edge everywhere)
        GaussianNoise noise = new GaussianNoise(5);
        List<Tensor> noisy = new ArrayList<>();
        List<Tensor> clean = new ArrayList<>();
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            Tensor blocks = new Tensor(1, 1, 64, 64);
            for (int p = 0; p < 64 * 64; p++) {
                blocks.data()[p] = (float) (100 * i + (p % 64 < 32 ? 0 : 60) + (p / 64 < 32 ? 0 : 30));
            }
            Tensor z = noise.next(1, 1, 64, 64);
            Tensor image = new Tensor(1, 1, 64, 64);
            for (int p = 0; p < 64 * 64; p++) {
                image.data()[p] = blocks.data()[p] + 3 * z.data()[p];
            }
            noisy.add(image);
            clean.add(blocks);
            // the normalisation is affine: its scale carries the SD across
            org.diffusionj.engine.task.Normalization n = org.diffusionj.engine.task.Normalization.of(image, 0.1, 99.9);
            expected += 3 * 2 / (n.high() - n.low()) / 6;
        }
        double measured = TrainingImages.of(noisy, 3, 32, 0.1, 99.9, 7).noiseSd();
        assertEquals(expected, measured, 0.1 * expected, "expected about " + expected);
        assertEquals(0, TrainingImages.of(clean, 3, 32, 0.1, 99.9, 7).noiseSd(), "noise-free images: none");
    }

    @Test
    void batchesDependOnlyOnSeedAndStepAndCropsStayInside() {
        TrainingImages data = TrainingImages.of(stack(5, 3), 3, 16, 0.1, 99.9, 7);
        Tensor a = data.batch(4, 11, 5);
        assertArrayEquals(a.data(), data.batch(4, 11, 5).data());
        assertFalse(java.util.Arrays.equals(a.data(), data.batch(4, 11, 6).data()));
        assertEquals(3, a.channels());
        assertEquals(16, a.height());
        assertThrows(IllegalArgumentException.class, () -> TrainingImages.of(stack(2, 4), 3, 32, 0.1, 99.9, 7));
    }

    @Test
    void theEightSymmetriesOfTheSquareAreDistinctAndReversible() {
        Tensor square = new GaussianNoise(9).next(1, 1, 5, 5);
        List<float[]> seen = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            float[] d = TrainingImages.dihedral(square, k).data();
            for (float[] other : seen) {
                assertFalse(java.util.Arrays.equals(d, other), "symmetry " + k + " repeats another");
            }
            seen.add(d);
        }
        // flips are their own inverse
        assertArrayEquals(square.data(), TrainingImages.dihedral(TrainingImages.dihedral(square, 3), 3).data());
    }
}
