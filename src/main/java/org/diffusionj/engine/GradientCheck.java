package org.diffusionj.engine;

import java.util.Locale;

/**
 * A backward pass checked against the forward pass on this machine: a loss differentiated along its own gradient
 * g by central differences, (L(w + h u) - L(w - h u)) / 2h with u = g / |g|, which equals |g| where g is right.
 * Why: oneDNN's kernels gave wrong gradients on one CPU under one instruction-set limit and right ones under
 * another (README, Development); a rule by CPU flags covers only the CPUs somebody measured, this check covers
 * the one it runs on. Training ({@code PriorTrainer.checkGradient}) checks its weights' gradient, null-text
 * inversion its conditioning's ({@link #ofCondition}).
 *
 * @param loss              the loss at the point checked
 * @param gradientNorm      |g|: the derivative the backward pass claims along g
 * @param finiteDifference  the central difference along g: what the forward pass measures
 */
public record GradientCheck(double loss, double gradientNorm, double finiteDifference) {
    /**
     * The largest relative disagreement accepted: on correct backends the ratio came out 0.999-1.000 (the
     * curvature and float32 rounding), on a wrong one 0.715 and 0.970 (oneDNN under AVX2 on a Zen 5).
     */
    public static final double TOLERANCE = 0.02;

    /**
     * The step along u: one that moves the loss by about 1 % (far above float32 rounding), but at most 1 % of the
     * point's own norm, where a loss that barely depends on the point would otherwise ask for a long way (and the
     * curvature would then count: 1.2 % off on the test fixture's class embedding).
     */
    static double step(double loss, double gradientNorm, double pointNorm) {
        double h = 0.01 * Math.abs(loss) / gradientNorm;
        return pointNorm > 0 ? Math.min(h, 0.01 * pointNorm) : h;
    }

    /** The finite difference over |g|: 1 where the gradient is right. */
    public double ratio() {
        return finiteDifference / gradientNorm;
    }

    /** Whether the backward pass agrees with the forward pass within {@link #TOLERANCE} (NaN never does). */
    public boolean passed() {
        return Double.isFinite(ratio()) && Math.abs(ratio() - 1) <= TOLERANCE;
    }

    /**
     * The gradient with respect to the conditioning vector of {@code mean(model(x, t, cond)^2)}, at a point where
     * the network is really used, checked. The loss is the output's own square, not a task's residual: a residual
     * near zero would bury the difference in the rounding of the two terms it cancels.
     */
    public static GradientCheck ofCondition(DifferentiableDenoiser model, Tensor x, long t, float[] cond) {
        DifferentiableDenoiser.ConditionGradient g = model.squaredErrorGradient(x, t, cond, x.zerosLike(), 1);
        double norm2 = 0;
        for (float v : g.gradient()) {
            norm2 += (double) v * v;
        }
        double condNorm2 = 0;
        for (float v : cond) {
            condNorm2 += (double) v * v;
        }
        double norm = Math.sqrt(norm2);
        return alongGradient(g.loss(), norm, Math.sqrt(condNorm2), s -> {
            float[] moved = cond.clone();
            for (int k = 0; k < moved.length; k++) {
                moved[k] += (float) (s * g.gradient()[k] / norm);
            }
            Tensor out = model.predict(x, new long[] {t}, new float[][] {moved});
            double sum = 0;
            for (float v : out.data()) {
                sum += (double) v * v;
            }
            return sum / out.data().length;
        });
    }

    /**
     * The check itself, for any loss: {@code lossAt.applyAsDouble(s)} is the loss at the point moved by s along
     * u = g / |g| (the caller puts the point back afterwards). A non-finite loss or gradient, or none at all, fails.
     *
     * @param loss         the loss at the point
     * @param gradientNorm |g|
     * @param pointNorm    the point's norm (caps the step)
     */
    public static GradientCheck alongGradient(double loss, double gradientNorm, double pointNorm,
            java.util.function.DoubleUnaryOperator lossAt) {
        if (!Double.isFinite(loss) || !Double.isFinite(gradientNorm) || gradientNorm == 0) {
            return new GradientCheck(loss, gradientNorm, Double.NaN);
        }
        double h = step(loss, gradientNorm, pointNorm);
        double up = lossAt.applyAsDouble(h);
        double down = lossAt.applyAsDouble(-h);
        return new GradientCheck(loss, gradientNorm, (up - down) / (2 * h));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "along the gradient the loss changes at %.4g per unit, the backward pass "
                + "says %.4g (ratio %.3f)", finiteDifference, gradientNorm, ratio());
    }
}
