package org.diffusionj.runtime;

import java.util.Locale;

/** What the user asked for: {@code auto} (GPU when libtorch sees one), {@code cpu} or {@code gpu}. */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    /** Parses a macro / command-line value; the error lists the valid values. */
    public static DeviceChoice parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown device '" + value + "': use auto, cpu or gpu.");
        }
    }
}
