package org.diffusionj.imagej;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one run over its planes or volumes: each key's mean over the parts that report it (a key only
 * some parts have is not diluted by the others). The noise model's keys are also kept per channel when the image
 * has several ({@code gain.c2}): channels from different detectors have different models, and their mean
 * describes none of them.
 */
final class MetricsMean {
    /** The keys of an estimated noise model (Denoise; Isotropic with {@code denoise}). */
    static final Set<String> PER_CHANNEL = Set.of("gain", "offset", "readSigma", "modelSigma", "noiseMeasurable");

    private final int channels;
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** @param channels the image's channels */
    MetricsMean(int channels) {
        this.channels = channels;
    }

    /** One part's figures; {@code channel} counts from 1. */
    void add(Map<String, Double> metrics, int channel) {
        metrics.forEach((key, value) -> {
            accumulate(key, value);
            if (channels > 1 && PER_CHANNEL.contains(key)) {
                accumulate(key + ".c" + channel, value);
            }
        });
    }

    private void accumulate(String key, double value) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += value;
        s[1]++;
    }

    /** The means, in the order the keys first came. */
    Map<String, Double> means() {
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((key, s) -> out.put(key, s[0] / s[1]));
        return out;
    }
}
