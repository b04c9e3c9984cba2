package org.diffusionj.engine.sampler;

import java.util.Arrays;
import org.diffusionj.engine.schedule.NoiseSchedule;

/** Validation and timestep planning shared by every sampler. */
abstract class AbstractSampler implements Sampler {

    private final String name;

    AbstractSampler(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SamplingRun start(NoiseSchedule schedule, SamplerSettings settings) {
        if (schedule == null || settings == null) {
            throw new IllegalArgumentException(name + " needs a noise schedule and settings");
        }
        settings.checkAgainst(schedule, ascending());
        return newRun(schedule, settings);
    }

    /** Whether the sampler walks up the noise levels (DDIM inversion) rather than down. */
    boolean ascending() {
        return false;
    }

    abstract SamplingRun newRun(NoiseSchedule schedule, SamplerSettings settings);

    /** The sampler's own grid for the full step count, in walking order (descending but for inversion). */
    double[] grid(NoiseSchedule schedule, SamplerSettings settings) {
        int[] ts = settings.spacing().timesteps(schedule.trainTimesteps(), settings.steps(), settings.stepsOffset());
        return Arrays.stream(ts).asDoubleStream().toArray();
    }

    /** The explicit list, or the sampler's grid, including the steps before the start step. */
    final double[] allTimesteps(NoiseSchedule schedule, SamplerSettings settings) {
        int[] explicit = settings.timesteps();
        return explicit != null ? Arrays.stream(explicit).asDoubleStream().toArray() : grid(schedule, settings);
    }

    /**
     * The explicit list, or the sampler's grid, without the first {@code startStep} entries and without those
     * below the settings' lowest timestep (the first kept always).
     */
    final double[] plannedTimesteps(NoiseSchedule schedule, SamplerSettings settings) {
        return dropBelow(dropStart(allTimesteps(schedule, settings), settings.startStep()), settings.lowestTimestep());
    }

    /** The descending {@code values} without the entries below {@code lowest}, but for the first. */
    static double[] dropBelow(double[] values, double lowest) {
        int keep = Math.min(values.length, 1);
        while (keep < values.length && values[keep] >= lowest) {
            keep++;
        }
        return Arrays.copyOf(values, keep);
    }

    static double[] dropStart(double[] values, int startStep) {
        if (startStep > values.length) {
            throw new IllegalArgumentException("start step " + startStep + " exceeds the number of steps "
                    + values.length);
        }
        return Arrays.copyOfRange(values, startStep, values.length);
    }

    static int[] toInts(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) Math.rint(values[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
