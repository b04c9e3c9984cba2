package org.diffusionj.plugin;

import org.diffusionj.imagej.SdEditTask;
import org.diffusionj.imagej.TaskCommand;

/** Plugins &gt; Diffusion &gt; Diffusion SDEdit ({@code run("Diffusion SDEdit", "...")}): re-synthesises the image (or the selection) at a strength. */
public final class SdEditPlugin extends DiffusionPlugIn {
    public SdEditPlugin() {
        super("Diffusion SDEdit");
    }

    @Override
    protected void execute() {
        TaskCommand.run(new SdEditTask());
    }
}
