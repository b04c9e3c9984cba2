package org.diffusionj.batch;

import java.nio.charset.StandardCharsets;

/**
 * The seed of one block, a function of the run's seed, the file's name and the block's index only, so that a
 * retried or repeated task draws the same noise wherever and whenever it runs. A file restored in one block keeps
 * the run's seed itself: it then equals the result of the macro command with that seed.
 */
public final class BlockSeeds {
    private BlockSeeds() {
    }

    /**
     * @param seed  the run's seed (the {@code seed} key)
     * @param file  the file's name without folder (a dataset moved elsewhere keeps its seeds)
     * @param block the block's index
     * @param count the file's number of blocks
     */
    public static long of(long seed, String file, int block, int count) {
        if (count == 1) {
            return seed;
        }
        long h = 0xcbf29ce484222325L; // FNV-1a over the name's UTF-8 bytes: the same in every JVM
        for (byte b : file.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        // SplitMix64 finaliser over the three parts (Steele et al. 2014): nearby inputs give unrelated seeds
        long z = seed + 0x9e3779b97f4a7c15L * (1 + block) + h;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        // non-negative and below 2^53: the seed key is read as a number, exact up to there
        return (z ^ (z >>> 31)) & ((1L << 53) - 1);
    }
}
