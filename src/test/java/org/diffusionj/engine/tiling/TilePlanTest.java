package org.diffusionj.engine.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TilePlanTest {

    @Test
    void tilesCoverTheImageEvenlyWithAtLeastTheOverlap() {
        for (int[] c : new int[][] {{100, 37, 32, 8}, {64, 64, 16, 4}, {257, 300, 256, 32}, {50, 20, 20, 10}}) {
            TilePlan plan = TilePlan.cover(c[0], c[1], c[2], c[3]);
            int[] covered = new int[c[0] * c[1]];
            for (TilePlan.Tile t : plan.tiles()) {
                assertEquals(Math.min(c[2], c[0]), t.width());
                assertEquals(Math.min(c[2], c[1]), t.height());
                assertTrue(t.x() >= 0 && t.x() + t.width() <= c[0] && t.y() >= 0 && t.y() + t.height() <= c[1]);
                for (int i = t.y(); i < t.y() + t.height(); i++) {
                    for (int j = t.x(); j < t.x() + t.width(); j++) {
                        covered[i * c[0] + j]++;
                    }
                }
            }
            for (int n : covered) {
                assertTrue(n >= 1);
            }
            checkAxis(plan.columnStarts(), Math.min(c[2], c[0]), c[0], c[3]);
            checkAxis(plan.rowStarts(), Math.min(c[2], c[1]), c[1], c[3]);
        }
    }

    private static void checkAxis(int[] starts, int size, int length, int overlap) {
        assertEquals(0, starts[0]);
        assertEquals(length - size, starts[starts.length - 1]);
        for (int i = 1; i < starts.length; i++) {
            int shared = starts[i - 1] + size - starts[i];
            assertTrue(shared >= overlap, "overlap " + shared + " < " + overlap);
        }
    }

    @Test
    void aSmallImageIsOneTile() {
        TilePlan plan = TilePlan.cover(30, 20, 32, 8);
        assertTrue(plan.isSingle());
        assertEquals(List.of(new TilePlan.Tile(0, 0, 30, 20)), plan.tiles());
        for (float w : plan.weights(plan.tiles().get(0))) {
            assertEquals(1f, w);
        }
    }

    @Test
    void weightsArePositiveSmoothAndNormaliseToOne() {
        TilePlan plan = TilePlan.cover(70, 45, 24, 8);
        double[] total = TiledDenoiser.totalWeight(plan);
        double[] normalised = new double[total.length];
        for (TilePlan.Tile t : plan.tiles()) {
            float[] w = plan.weights(t);
            for (int i = 0; i < t.height(); i++) {
                for (int j = 0; j < t.width(); j++) {
                    float v = w[i * t.width() + j];
                    assertTrue(v > 0 && v <= 1, "weight " + v);
                    int p = (t.y() + i) * 70 + t.x() + j;
                    normalised[p] += v / total[p];
                }
            }
        }
        for (double n : normalised) {
            assertEquals(1, n, 1e-12);
        }
        // raised cosine: the first tile's weight falls monotonically towards its right neighbour
        float[] w = plan.weights(plan.tiles().get(0));
        for (int j = 24 - 8; j < 23; j++) {
            assertTrue(w[j] > w[j + 1]);
        }
        assertEquals(1f, w[0], "no ramp at the image border");
    }

    @Test
    void tileSizeFollowsTheMemoryBudget() {
        assertEquals(256, TilePlan.tileForBudget(256L << 20, 16));
        assertEquals(720, TilePlan.tileForBudget(2048L << 20, 16));
        assertEquals(64, TilePlan.tileForBudget(1, 64));
        assertThrows(IllegalArgumentException.class, () -> TilePlan.tileForBudget(0, 16));
    }

    @Test
    void rejectsAnOverlapOfMoreThanHalfATile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TilePlan.cover(100, 100, 32, 17));
        assertTrue(e.getMessage().contains("overlap must lie in [0, tile / 2] = [0, 16], got 17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TilePlan.cover(0, 100, 32, 4));
    }

    @Test
    void aScaledPlanHasTheSameTilesTimesTheFactor() {
        TilePlan plan = TilePlan.cover(100, 70, 32, 8);
        TilePlan big = plan.scaled(3);
        assertEquals(300, big.width());
        assertEquals(210, big.height());
        assertEquals(24, big.overlap());
        List<TilePlan.Tile> small = plan.tiles();
        List<TilePlan.Tile> large = big.tiles();
        assertEquals(small.size(), large.size());
        for (int i = 0; i < small.size(); i++) {
            TilePlan.Tile s = small.get(i);
            assertEquals(new TilePlan.Tile(3 * s.x(), 3 * s.y(), 3 * s.width(), 3 * s.height()), large.get(i));
            float[] w = big.weights(large.get(i));
            assertEquals(large.get(i).width() * large.get(i).height(), w.length);
        }
        // the scaled weights still sum to a positive total everywhere
        float[] total = new float[300 * 210];
        for (TilePlan.Tile t : large) {
            float[] w = big.weights(t);
            for (int i = 0; i < t.height(); i++) {
                for (int j = 0; j < t.width(); j++) {
                    total[(t.y() + i) * 300 + t.x() + j] += w[i * t.width() + j];
                }
            }
        }
        for (float v : total) {
            assertTrue(v > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> plan.scaled(0));
    }
}
