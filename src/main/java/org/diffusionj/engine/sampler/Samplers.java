package org.diffusionj.engine.sampler;

import java.util.List;
import java.util.Locale;

/** Looks samplers up by name. */
public final class Samplers {

    /** The samplers that generate (from noise to an image), by name: what users choose from. */
    public static final List<String> NAMES = List.of("ddim", "ddpm", "euler", "heun", "dpm++2m");
    /** The deterministic DDIM inversion (image to noise), for null-text inversion and other editing methods. */
    public static final String INVERSION = "ddim-inversion";

    private Samplers() {
    }

    /**
     * The sampler called {@code name} (case-insensitive): one of {@link #NAMES}, or {@link #INVERSION}.
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
            case INVERSION:
                return new DdimInversion();
            default:
                throw new IllegalArgumentException("Unknown sampler '" + name + "'; valid: "
                        + String.join(", ", NAMES));
        }
    }
}
