package org.diffusionj.plugin;

import org.diffusionj.imagej.SuperResolutionTask;
import org.diffusionj.imagej.TaskCommand;

/** Plugins &gt; Diffusion &gt; Diffusion Super-Resolution ({@code run("Diffusion Super-Resolution", "...")}): magnifies the image 2 or 4 times. */
public final class SuperResolutionPlugin extends DiffusionPlugIn {
    public SuperResolutionPlugin() {
        super("Diffusion Super-Resolution");
    }

    @Override
    protected void execute() {
        TaskCommand.run(new SuperResolutionTask());
    }
}
