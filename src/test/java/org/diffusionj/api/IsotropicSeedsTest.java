package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.diffusionj.engine.task.TaskRunner;
import org.junit.jupiter.api.Test;

class IsotropicSeedsTest {

    /**
     * The noise streams of a slice's draws, as the sampler draws them ({@code TaskRunner.noise}): each stream by its
     * first values' magnitudes, which an antithetic twin (the same values negated) shares.
     */
    private static Set<List<Float>> streams(long seed, int index, int samples) {
        Set<List<Float>> out = new HashSet<>();
        long s = IsotropicReconstruction.sliceSeed(seed, index, samples);
        for (int draw = 0; draw < samples; draw++) {
            float[] values = new float[4];
            TaskRunner.noise(s, draw).fill(values);
            List<Float> magnitudes = new ArrayList<>();
            for (float v : values) {
                magnitudes.add(Math.abs(v));
            }
            out.add(magnitudes);
        }
        return out;
    }

    @Test
    void noTwoSlicesShareANoiseStream() {
        for (int samples = 1; samples <= 6; samples++) {
            Set<List<Float>> seen = new HashSet<>();
            for (int index = 0; index < 64; index++) {
                Set<List<Float>> own = streams(7, index, samples);
                assertEquals((samples + 1) / 2, own.size(), "a slice's draws: antithetic pairs of distinct streams");
                for (List<Float> stream : own) {
                    assertTrue(seen.add(stream), "samples " + samples + ": slice " + index + " reuses " + stream);
                }
            }
        }
    }

    @Test
    void oneDrawPerSliceKeepsSeedPlusIndex() {
        assertEquals(12, IsotropicReconstruction.sliceSeed(5, 7, 1));
        assertEquals(5 + 7 * 4, IsotropicReconstruction.sliceSeed(5, 7, 4));
    }
}
