package org.diffusionj.plugin;

import org.diffusionj.imagej.ColorizeTask;
import org.diffusionj.imagej.TaskCommand;

/** Plugins &gt; Diffusion &gt; Diffusion Colorize ({@code run("Diffusion Colorize", "...")}): turns a grayscale image into colour. */
public final class ColorizePlugin extends DiffusionPlugIn {
    public ColorizePlugin() {
        super("Diffusion Colorize");
    }

    @Override
    protected void execute() {
        TaskCommand.run(new ColorizeTask());
    }
}
