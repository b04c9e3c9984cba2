package org.diffusionj.engine.training;

/**
 * The learning rate of the recipe ({@code tools/model/train.py}): a linear warm-up, then a cosine decay from the
 * peak to 10 % of it at the last step. The warm-up lasts {@link #WARMUP} steps, or 5 % of a shorter run: the
 * recipe's 200 steps were chosen for training from scratch (several thousand steps); a fine-tuning run of a few
 * hundred steps starts from trained weights, whose Adam moments are bias-corrected from the first step, and spent
 * a third of its steps warming up.
 */
public final class LearningRate {
    /** Steps of linear warm-up of a long run. */
    public static final int WARMUP = 200;

    private LearningRate() {
    }

    /** The steps of warm-up of a run of {@code total} steps. */
    public static int warmup(int total) {
        return Math.max(1, Math.min(WARMUP, total / 20));
    }

    /** The rate at {@code step} (0-based) of {@code total} for peak rate {@code peak}. */
    public static double at(double peak, int step, int total) {
        double warm = Math.min(1.0, (step + 1) / (double) warmup(total));
        double progress = total <= 0 ? 0 : Math.min(1.0, step / (double) total);
        return peak * warm * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
