package org.diffusionj.engine.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * RePaint's resampling schedule (Lugmayr et al. 2022, section 4.2, "jumps"): after every {@code jumpLength}
 * steps down, go {@code jumpLength} steps back up and down again, {@code jumpSamples - 1} times. The paper's
 * defaults are 250 steps, jump length 10, 10 samples. {@link #none()} is the plain descent; {@link #finalJump}
 * one jump back from the finished sample.
 *
 * <p>The plan is a sequence of moves: {@code k >= 0} evaluates k and steps down; {@code -(k + 1)} re-noises
 * from the level below evaluation k back up to it ({@link SamplingRun#renoise}).
 */
public final class ResamplingPlan {

    private static final ResamplingPlan NONE = new ResamplingPlan(1, 1, 0);

    private final int jumpLength;
    private final int jumpSamples;
    /** The final jump's length as a fraction of the run's evaluations (0: none). */
    private final double finalJump;

    private ResamplingPlan(int jumpLength, int jumpSamples, double finalJump) {
        this.jumpLength = jumpLength;
        this.jumpSamples = jumpSamples;
        this.finalJump = finalJump;
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
        return new ResamplingPlan(jumpLength, jumpSamples, 0);
    }

    /**
     * One jump, taken from the finished sample: the plain descent, then back up over the last {@code fraction} of
     * the levels (at least one, at most all but the first) and down again. A RePaint jump placed where inpainting
     * needs it: the finished sample's content at the boundary is re-noised only to a low level and the last
     * steps, where a thin defect's values are decided, see that content instead of noisier guesses of it
     * (see {@code InpaintOptions#resamplingPlan}).
     *
     * @throws IllegalArgumentException for a fraction outside (0, 1)
     */
    public static ResamplingPlan finalJump(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("final jump fraction must lie in (0, 1), got " + fraction);
        }
        return new ResamplingPlan(1, 1, fraction);
    }

    /** Whether this plan ever goes back up. */
    public boolean resamples() {
        return jumpSamples > 1 || finalJump > 0;
    }

    /** RePaint's jump length (1 for {@link #none()} and {@link #finalJump}, whose moves do not use it). */
    public int jumpLength() {
        return jumpLength;
    }

    /** RePaint's samples per jump (1 for {@link #none()} and {@link #finalJump}: see {@link #resamples()}). */
    public int jumpSamples() {
        return jumpSamples;
    }

    /** The moves for a run of {@code n} evaluations (see the class comment for the encoding). */
    public int[] moves(int n) {
        if (finalJump > 0) {
            return finalJumpMoves(n);
        }
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

    private int[] finalJumpMoves(int n) {
        if (n < 2) {
            return new int[] {0};
        }
        int length = (int) Math.max(1, Math.min(n - 1, Math.round(finalJump * n)));
        int[] moves = new int[n + 2 * length];
        int i = 0;
        for (int level = 0; level < n; level++) {
            moves[i++] = level;
        }
        for (int level = n; level > n - length; level--) {
            moves[i++] = -level;
        }
        for (int level = n - length; level < n; level++) {
            moves[i++] = level;
        }
        return moves;
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
        return finalJump > 0 ? "ResamplingPlan[final jump over " + finalJump + " of the levels]"
                : resamples() ? "ResamplingPlan[jump=" + jumpLength + ", samples=" + jumpSamples + "]"
                : "ResamplingPlan[none]";
    }
}
