package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsotropicSeedsTest {

    /** The noise streams a slice's draws use: the even draws' seeds (odd draws negate their even twin's). */
    private static Set<Long> streams(long seed, int index, int samples) {
        Set<Long> out = new HashSet<>();
        long s = IsotropicReconstruction.sliceSeed(seed, index, samples);
        for (int draw = 0; draw < samples; draw += 2) {
            out.add(s + draw);
        }
        return out;
    }

    @Test
    void noTwoSlicesShareANoiseStream() {
        for (int samples = 1; samples <= 6; samples++) {
            Set<Long> seen = new HashSet<>();
            for (int index = 0; index < 64; index++) {
                for (long stream : streams(7, index, samples)) {
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
