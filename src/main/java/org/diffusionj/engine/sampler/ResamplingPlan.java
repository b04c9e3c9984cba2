package org.diffusionj.engine.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * RePaint's resampling schedule (Lugmayr et al. 2022, section 4.2, "jumps"): after every {@code jumpLength}
 * steps down, go {@code jumpLength} steps back up and down again, {@code jumpSamples - 1} times. The paper's
 * defaults are 250 steps, jump length 10, 10 samples. {@link #none()} is the plain descent.
 *
 * <p>The plan is a sequence of moves: {@code k >= 0} evaluates k and steps down; {@code -(k + 1)} re-noises
 * from the level below evaluation k back up to it ({@link SamplingRun#renoise}).
 */
public final class ResamplingPlan {

    private static final ResamplingPlan NONE = new ResamplingPlan(1, 1);

    private final int jumpLength;
    private final int jumpSamples;

    private ResamplingPlan(int jumpLength, int jumpSamples) {
        this.jumpLength = jumpLength;
        this.jumpSamples = jumpSamples;
    }

    /** No resampling. */
    public static ResamplingPlan none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException for a jump length or sample count below 1
     */
    public static ResamplingPlan repaint(int jumpLength, int jumpSamples) {
        if (jumpLength < 1) {
            throw new IllegalArgumentException("jump length must be at least 1, got " + jumpLength);
        }
        if (jumpSamples < 1) {
            throw new IllegalArgumentException("jump samples must be at least 1, got " + jumpSamples);
        }
        return new ResamplingPlan(jumpLength, jumpSamples);
    }

    /** Whether this plan ever goes back up. */
    public boolean resamples() {
        return jumpSamples > 1;
    }

    public int jumpLength() {
        return jumpLength;
    }

    public int jumpSamples() {
        return jumpSamples;
    }

    /** The moves for a run of {@code n} evaluations (see the class comment for the encoding). */
    public int[] moves(int n) {
        // Level l: the sample is ready for evaluation l (l = n: finished). Jump points are the levels
        // l in [J, n-1] with (n-1-l) divisible by J, RePaint's times 0, J, 2J, ... below n - J.
        int[] jumpsLeft = new int[n + 1];
        for (int l = jumpLength; l < n; l++) {
            if ((n - 1 - l) % jumpLength == 0) {
                jumpsLeft[l] = jumpSamples - 1;
            }
        }
        List<Integer> moves = new ArrayList<>();
        int level = 0;
        while (level < n) {
            moves.add(level);
            level++;
            if (level < n && jumpsLeft[level] > 0) {
                jumpsLeft[level]--;
                for (int i = 0; i < jumpLength; i++) {
                    level--;
                    moves.add(-(level + 1));
                }
            }
        }
        return moves.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Number of model evaluations the plan makes for a run of {@code n} evaluations. */
    public int evaluations(int n) {
        int count = 0;
        for (int m : moves(n)) {
            if (m >= 0) {
                count++;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return resamples() ? "ResamplingPlan[jump=" + jumpLength + ", samples=" + jumpSamples + "]"
                : "ResamplingPlan[none]";
    }
}
