package org.diffusionj.plugin;

import org.diffusionj.imagej.InpaintTask;
import org.diffusionj.imagej.TaskCommand;

/** Plugins &gt; Diffusion &gt; Diffusion Inpaint ({@code run("Diffusion Inpaint", "...")}): fills the area selection. */
public final class InpaintPlugin extends DiffusionPlugIn {
    public InpaintPlugin() {
        super("Diffusion Inpaint");
    }

    @Override
    protected void execute() {
        TaskCommand.run(new InpaintTask());
    }
}
