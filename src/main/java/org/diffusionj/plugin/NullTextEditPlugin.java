package org.diffusionj.plugin;

import org.diffusionj.imagej.NullTextEditTask;
import org.diffusionj.imagej.TaskCommand;

/** Plugins &gt; Diffusion &gt; Diffusion Null-Text Edit ({@code run("Diffusion Null-Text Edit", "...")}): edits the image from one class to another. */
public final class NullTextEditPlugin extends DiffusionPlugIn {
    public NullTextEditPlugin() {
        super("Diffusion Null-Text Edit");
    }

    @Override
    protected void execute() {
        TaskCommand.run(new NullTextEditTask());
    }
}
