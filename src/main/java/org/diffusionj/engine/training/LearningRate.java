package org.diffusionj.engine.training;

/**
 * The learning rate of the recipe ({@code tools/model/train.py}): a linear warm-up over the first
 * {@link #WARMUP} steps, then a cosine decay from the peak to 10 % of it at the last step.
 */
public final class LearningRate {
    /** Steps of linear warm-up. */
    public static final int WARMUP = 200;

    private LearningRate() {
    }

    /** The rate at {@code step} (0-based) of {@code total} for peak rate {@code peak}. */
    public static double at(double peak, int step, int total) {
        double warm = Math.min(1.0, (step + 1) / (double) WARMUP);
        double progress = total <= 0 ? 0 : Math.min(1.0, step / (double) total);
        return peak * warm * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
