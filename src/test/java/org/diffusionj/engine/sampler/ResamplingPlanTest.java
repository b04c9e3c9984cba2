package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResamplingPlanTest {

    /**
     * RePaint's published schedule in its own terms (time indices counting down from N-1 to -1, jumps at
     * times 0, J, 2J, ... below N - J), translated into our moves to cross-check the level bookkeeping.
     */
    private static int[] repaintReference(int n, int jumpLength, int jumpSamples) {
        Map<Integer, Integer> jumps = new HashMap<>();
        for (int j = 0; j < n - jumpLength; j += jumpLength) {
            jumps.put(j, jumpSamples - 1);
        }
        List<Integer> times = new ArrayList<>();
        int t = n;
        while (t >= 1) {
            t--;
            times.add(t);
            if (jumps.getOrDefault(t, 0) > 0) {
                jumps.put(t, jumps.get(t) - 1);
                for (int i = 0; i < jumpLength; i++) {
                    t++;
                    times.add(t);
                }
            }
        }
        times.add(-1);
        List<Integer> moves = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            int last = times.get(i - 1);
            int cur = times.get(i);
            // level = n - 1 - time; down from time `last` evaluates level n-1-last; up lands on level n-1-cur
            moves.add(cur < last ? n - 1 - last : -(n - 1 - cur + 1));
        }
        return moves.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void noneIsThePlainDescent() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, ResamplingPlan.none().moves(4));
        assertFalse(ResamplingPlan.none().resamples());
    }

    @Test
    void matchesRepaintsSchedule() {
        int[][] configs = {{10, 2, 2}, {10, 3, 4}, {25, 5, 3}, {7, 10, 10}, {12, 1, 2}};
        for (int[] c : configs) {
            assertArrayEquals(repaintReference(c[0], c[1], c[2]), ResamplingPlan.repaint(c[1], c[2]).moves(c[0]),
                    "n=" + c[0] + " J=" + c[1] + " S=" + c[2]);
        }
    }

    @Test
    void countsEvaluations() {
        // 250 steps, jump length 10, 10 samples (the paper's defaults): 24 jump points x 9 x 10 extra
        ResamplingPlan plan = ResamplingPlan.repaint(10, 10);
        assertTrue(plan.resamples());
        assertEquals(250 + 24 * 9 * 10, plan.evaluations(250));
    }

    @Test
    void rejectsInvalidParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResamplingPlan.repaint(0, 2));
        assertTrue(e.getMessage().contains("jump length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResamplingPlan.repaint(2, 0));
        assertTrue(e.getMessage().contains("jump samples"), e.getMessage());
    }

    @Test
    void theFinalJumpGoesBackOverTheLastLevelsOnce() {
        ResamplingPlan plan = ResamplingPlan.finalJump(0.38);
        assertTrue(plan.resamples());
        int[] moves = plan.moves(50);
        // the plain descent, 19 levels back up from the finished sample (level 50 -> 31), then down again
        assertEquals(50 + 2 * 19, moves.length);
        for (int k = 0; k < 50; k++) {
            assertEquals(k, moves[k]);
        }
        for (int i = 0; i < 19; i++) {
            assertEquals(-(50 - i), moves[50 + i]);
        }
        for (int i = 0; i < 19; i++) {
            assertEquals(31 + i, moves[69 + i]);
        }
        assertEquals(69, plan.evaluations(50));
    }

    @Test
    void theFinalJumpFitsShortRuns() {
        assertArrayEquals(new int[] {0}, ResamplingPlan.finalJump(0.38).moves(1));
        assertArrayEquals(new int[] {0, 1, -2, 1}, ResamplingPlan.finalJump(0.38).moves(2));
        // never back to the first level: at most all but the first evaluation again
        assertArrayEquals(new int[] {0, 1, 2, -3, -2, 1, 2}, ResamplingPlan.finalJump(0.99).moves(3));
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResamplingPlan.finalJump(bad));
            assertTrue(e.getMessage().contains("final jump"), e.getMessage());
        }
    }
}
