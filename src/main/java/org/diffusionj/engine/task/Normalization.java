package org.diffusionj.engine.task;

import java.util.Arrays;
import org.diffusionj.engine.Tensor;

/**
 * The affine map between an image's own intensity units and the model's range: the {@code low} percentile
 * goes to -1 and the {@code high} percentile to +1, values beyond them stay beyond (no clipping), and
 * {@link #denormalize} maps back exactly (up to float rounding). Computed in double precision.
 *
 * @param low   the input value that maps to -1
 * @param high  the input value that maps to +1 (always above {@code low})
 * @param range the input's full range (max - min, 1 for a constant image), the unit of relative errors
 */
public record Normalization(double low, double high, double range) {

    /**
     * Percentiles of every value of {@code image} (linear interpolation between order statistics, as
     * numpy's default). A flat percentile range falls back to min / max; a constant image maps to 0.
     *
     * @throws IllegalArgumentException unless {@code 0 <= lowPercentile < highPercentile <= 100}
     */
    public static Normalization of(Tensor image, double lowPercentile, double highPercentile) {
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("Percentiles need 0 <= lowPercentile < highPercentile <= 100, got "
                    + lowPercentile + " and " + highPercentile);
        }
        float[] sorted = image.data().clone();
        Arrays.sort(sorted);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        double lo = percentile(sorted, lowPercentile);
        double hi = percentile(sorted, highPercentile);
        if (!(hi > lo)) {
            lo = min;
            hi = max;
        }
        if (!(hi > lo)) {
            lo = min - 1;
            hi = min + 1;
        }
        return new Normalization(lo, hi, max > min ? max - min : 1);
    }

    private static double percentile(float[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double w = pos - i;
        return (1 - w) * sorted[i] + w * sorted[i + 1];
    }

    /** Input units to the model's range. */
    public Tensor normalize(Tensor x) {
        return affine(x, 2 / (high - low), -2 * low / (high - low) - 1);
    }

    /** The model's range back to input units. */
    public Tensor denormalize(Tensor x) {
        return affine(x, (high - low) / 2, (high + low) / 2);
    }

    /** A model-range distance (or standard deviation) in input units. */
    public double toInputScale(double modelUnits) {
        return modelUnits * (high - low) / 2;
    }

    private static Tensor affine(Tensor x, double scale, double offset) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (in[i] * scale + offset);
        }
        return new Tensor(out, x.batch(), x.channels(), x.height(), x.width());
    }
}
