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
}
