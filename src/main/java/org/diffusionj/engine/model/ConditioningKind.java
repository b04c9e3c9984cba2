package org.diffusionj.engine.model;

import java.util.Locale;

/** What a network is conditioned on, as a model package declares it. */
public enum ConditioningKind {
    /** Unconditional: the condition input is ignored (a zero vector is passed). */
    NONE,
    /** A learned embedding per class, row 0 the null class used for guidance and class dropout. */
    CLASS,
    /** Text embeddings (declared by the format; no task here supports them yet). */
    TEXT;

    /** The kind called {@code name} ({@code none}, {@code class} or {@code text}, case-insensitive). */
    public static ConditioningKind fromName(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (ConditioningKind k : values()) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown conditioning '" + name + "'; valid: none, class, text");
    }

    /** The lower-case name used in {@code model.json}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
