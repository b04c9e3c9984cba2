package org.diffusionj.plugin;

import org.diffusionj.imagej.ModelsCommand;

/**
 * Plugins &gt; Diffusion &gt; Diffusion Models ({@code run("Diffusion Models", "action=list")}): list, inspect, choose and
 * import model packages.
 */
public final class ModelsPlugin extends DiffusionPlugIn {
    public ModelsPlugin() {
        super(ModelsCommand.NAME);
    }

    @Override
    protected void execute() {
        ModelsCommand.run();
    }
}
