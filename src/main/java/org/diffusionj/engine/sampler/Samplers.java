package org.diffusionj.engine.sampler;

import java.util.List;
import java.util.Locale;

/** Looks samplers up by name. */
public final class Samplers {

    /** The names {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("ddim", "ddpm", "euler", "heun", "dpm++2m");

    private Samplers() {
    }

    /**
     * The sampler called {@code name} (case-insensitive): ddpm, ddim, euler, heun or dpm++2m.
     *
     * @throws IllegalArgumentException naming the bad value and listing the valid ones
     */
    public static Sampler byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "ddpm":
                return new DdpmSampler();
            case "ddim":
                return new DdimSampler();
            case "euler":
                return new EulerSampler();
            case "heun":
                return new HeunSampler();
            case "dpm++2m":
                return new DpmSolverPlusPlus2M();
            default:
                throw new IllegalArgumentException("Unknown sampler '" + name + "'; valid: "
                        + String.join(", ", NAMES));
        }
    }
}
