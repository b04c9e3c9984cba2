package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;

/**
 * Running per-pixel mean and standard deviation over draws of one shape (Welford's algorithm, in double
 * precision), for the posterior mean and the uncertainty map of several restorations.
 *
 * <p>The draws come in antithetic pairs ({@link TaskRunner}): draw {@code 2k + 1} used draw {@code 2k}'s noise
 * negated. Split a draw into the part odd in its noise and the part even in it, {@code x = mu + O + E}: a pair gives
 * {@code O = (a - b) / 2} and {@code mu + E = (a + b) / 2}, and the draws' variance is {@code Var O + Var E}. The plain
 * sample variance of paired draws is biased (4 draws: 4/3 of {@code Var O} where a draw is linear in its noise,
 * 2/3 of {@code Var E} where it is even), so with at least two pairs the variance is estimated as the mean of
 * {@code O^2} over the pairs plus the sample variance of the pairs' means, each unbiased (an unpaired last draw is
 * left out of the spread, not of the mean). Three draws, a pair and {@code c}: {@code (O^2 + (c - (a + b) / 2)^2) / 2},
 * unbiased too ({@code E (c - (a + b) / 2)^2 = Var O + 2 Var E}). Two draws keep the plain sample variance, the
 * only estimate they allow (it sees only the odd part).
 */
final class DrawStatistics {

    private final int[] shape;
    private final double[] mean;
    private final double[] m2;
    private int count;
    /** The first draw of the pair being filled. */
    private float[] pending;
    /** Sum over complete pairs of the odd part squared, {@code ((a - b) / 2)^2}. */
    private final double[] oddSquares;
    /** Welford's mean and sum of squares of the pairs' means. */
    private final double[] pairMean;
    private final double[] pairM2;
    private int pairs;

    DrawStatistics(Tensor first) {
        this.shape = first.shape();
        this.mean = new double[first.size()];
        this.m2 = new double[first.size()];
        this.oddSquares = new double[first.size()];
        this.pairMean = new double[first.size()];
        this.pairM2 = new double[first.size()];
        add(first);
    }

    void add(Tensor draw) {
        float[] d = draw.data();
        if (d.length != mean.length) {
            throw new IllegalArgumentException("Draws must share one shape, got " + draw);
        }
        count++;
        for (int i = 0; i < d.length; i++) {
            double delta = d[i] - mean[i];
            mean[i] += delta / count;
            m2[i] += delta * (d[i] - mean[i]);
        }
        if (count % 2 == 1) {
            pending = d.clone();
            return;
        }
        pairs++;
        for (int i = 0; i < d.length; i++) {
            double odd = ((double) pending[i] - d[i]) / 2.0;
            oddSquares[i] += odd * odd;
            double pairValue = (pending[i] + (double) d[i]) / 2.0;
            double delta = pairValue - pairMean[i];
            pairMean[i] += delta / pairs;
            pairM2[i] += delta * (pairValue - pairMean[i]);
        }
        pending = null;
    }

    int count() {
        return count;
    }

    /** The mean; for one draw exactly that draw. */
    Tensor mean() {
        return fill(i -> mean[i]);
    }

    /**
     * The draws' standard deviation: from the pairs' odd parts and means with two pairs or more, from the pair and
     * the third draw for three (see above), else the sample standard deviation (divided by n - 1); zeros for one.
     */
    Tensor stdDev() {
        if (pairs >= 2) {
            return fill(i -> Math.sqrt(Math.max(0, oddSquares[i] / pairs + pairM2[i] / (pairs - 1))));
        }
        if (count == 3) {
            return fill(i -> {
                double lone = pending[i] - pairMean[i];
                return Math.sqrt(Math.max(0, (oddSquares[i] + lone * lone) / 2));
            });
        }
        return fill(i -> count > 1 ? Math.sqrt(Math.max(0, m2[i] / (count - 1))) : 0);
    }

    private Tensor fill(java.util.function.IntToDoubleFunction value) {
        float[] out = new float[mean.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) value.applyAsDouble(i);
        }
        return new Tensor(out, shape[0], shape[1], shape[2], shape[3]);
    }
}
