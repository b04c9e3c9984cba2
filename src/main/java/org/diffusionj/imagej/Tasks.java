package org.diffusionj.imagej;

import java.util.List;

/**
 * The restoration and editing commands, each declared once by its {@link DiffusionTask} (name, keys, what a
 * selection means, how the keys become the API's options). The menu entries, the SciJava service and the
 * README's key table are built from this list; a new command is one more entry.
 */
public final class Tasks {
    /** Every task command, in menu order. */
    public static final List<DiffusionTask> ALL = List.of(new InpaintTask(), new ColorizeTask(),
            new SuperResolutionTask(), new SdEditTask(), new NullTextEditTask(), new DenoiseTask(),
            new IsotropicTask());

    private Tasks() {
    }

    /**
     * The task whose macro name is {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static DiffusionTask find(String name) {
        for (DiffusionTask t : ALL) {
            if (t.macroName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown Diffusion command '" + name + "'; valid: "
                + ALL.stream().map(DiffusionTask::macroName).toList());
    }
}
