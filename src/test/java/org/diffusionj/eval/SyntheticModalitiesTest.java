package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The synthetic modalities of the fine-tuning benchmark ({@code ./diffusion finetune-eval}). */
class SyntheticModalitiesTest {

    @Test
    void reliefIsBrightOnOneSideOfEachEdgeAndDarkOnTheOther() {
        float[] sorted = sortedSeeded(() -> SyntheticDic.generate(128, 128, 1000));
        double median = sorted[sorted.length / 2];
        assertEquals(10000, median, 300, "a mid-gray ground");
        assertTrue(sorted[sorted.length / 100] < median - 1000, "dark edges: " + sorted[sorted.length / 100]);
        assertTrue(sorted[sorted.length * 99 / 100] > median + 1000, "bright edges: " + sorted[sorted.length * 99 / 100]);
        assertTrue(sorted[0] >= 0 && sorted[sorted.length - 1] <= 65535, "16-bit values");
    }

    /**
     * The electron micrograph: a bright ground (the section passes most electrons) crossed by dark membranes, thin
     * lines that cover a small share of the image.
     */
    @Test
    void theElectronMicrographHasDarkThinMembranesOnABrightGround() {
        float[] sorted = sortedSeeded(() -> SyntheticEm.generate(128, 128, 1000));
        double median = sorted[sorted.length / 2];
        assertTrue(median > 2500 && median < 4000, "a bright ground: " + median);
        assertTrue(sorted[sorted.length / 100] < 0.6 * median, "dark membranes: " + sorted[sorted.length / 100]);
        int dark = 0;
        for (float v : sorted) {
            dark += v < 0.75 * median ? 1 : 0;
        }
        double share = dark / (double) sorted.length;
        assertTrue(share > 0.03 && share < 0.25, "thin structures, not areas: " + share);
    }

    /**
     * Striated muscle: a dark ground between the myofibrils, dim stain inside them, and the Z-discs, thin bright bars
     * that cover a small share of the image.
     */
    @Test
    void theMuscleHasThinBrightDiscsOnDimMyofibrils() {
        float[] sorted = sortedSeeded(() -> SyntheticMuscle.generate(128, 128, 1000));
        double median = sorted[sorted.length / 2];
        double top = sorted[sorted.length * 99 / 100];
        assertTrue(sorted[sorted.length / 100] < 120, "dark clefts: " + sorted[sorted.length / 100]);
        assertTrue(median > 120 && median < 300, "dim myofibrils: " + median);
        assertTrue(top > median + 400, "bright discs: " + top);
        int bright = 0;
        for (float v : sorted) {
            bright += v > (median + top) / 2 ? 1 : 0;
        }
        double share = bright / (double) sorted.length;
        assertTrue(share > 0.02 && share < 0.15, "thin discs, not areas: " + share);
    }

    /**
     * The bacterial colony in phase contrast: dark rods (a large share of the image, not thin lines) on a bright
     * ground, and the halo: the brightest pixels, just around the cells, above the open ground's level.
     */
    @Test
    void theBacteriaAreDarkRodsWithABrightHalo() {
        float[] sorted = sortedSeeded(() -> SyntheticBacteria.generate(128, 128, 1000));
        float[] ground = sortedSeeded(() -> SyntheticBacteria.noiseFree(128, 128, 1000));
        double median = sorted[sorted.length / 2];
        int dark = 0;
        for (float v : sorted) {
            dark += v < 0.6 * median ? 1 : 0;
        }
        double share = dark / (double) sorted.length;
        assertTrue(share > 0.2 && share < 0.6, "cells cover a large share: " + share);
        assertTrue(sorted[sorted.length / 100] < 0.45 * median, "dark cells: " + sorted[sorted.length / 100]);
        assertTrue(ground[ground.length - 1] > 1.1 * 6000, "a halo brighter than the open ground: "
                + ground[ground.length - 1]);
    }

    @Test
    void theNoiseFreeImageIsTheCamerasExpectation() {
        for (String modality : new String[] {"dic", "filaments", "em", "muscle", "bacteria"}) {
            FloatImage noisy = image(modality, false);
            FloatImage clean = image(modality, true);
            double sum = 0;
            double squares = 0;
            double expected = 0; // Poisson variance (the value itself) plus the read noise's
            for (int i = 0; i < noisy.data().length; i++) {
                double d = noisy.data()[i] - clean.data()[i];
                sum += d;
                squares += d * d;
                expected += clean.data()[i];
            }
            int n = noisy.data().length;
            double variance = squares / n;
            double expectedVariance = expected / n + 6 * 6; // all have a read noise of 6 gray values
            assertEquals(0, sum / n, 4 * Math.sqrt(expectedVariance / n), modality + ": unbiased");
            assertEquals(expectedVariance, variance, 0.05 * expectedVariance, modality + ": the camera's noise, no more");
        }
    }

    /** Image 1001 of a modality, as the camera records it or its noise-free expectation. */
    private static FloatImage image(String modality, boolean noiseFree) {
        return switch (modality) {
            case "dic" -> noiseFree ? SyntheticDic.noiseFree(128, 128, 1001) : SyntheticDic.generate(128, 128, 1001);
            case "em" -> noiseFree ? SyntheticEm.noiseFree(128, 128, 1001) : SyntheticEm.generate(128, 128, 1001);
            case "muscle" -> noiseFree ? SyntheticMuscle.noiseFree(128, 128, 1001)
                    : SyntheticMuscle.generate(128, 128, 1001);
            case "bacteria" -> noiseFree ? SyntheticBacteria.noiseFree(128, 128, 1001)
                    : SyntheticBacteria.generate(128, 128, 1001);
            default -> noiseFree ? SyntheticFilaments.noiseFree(128, 128, 1001)
                    : SyntheticFilaments.generate(128, 128, 1001);
        };
    }

    /** The image's values sorted, after checking that its seed makes it again bit for bit. */
    private static float[] sortedSeeded(java.util.function.Supplier<FloatImage> make) {
        float[] values = make.get().data();
        assertArrayEquals(values, make.get().data(), "seeded");
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
