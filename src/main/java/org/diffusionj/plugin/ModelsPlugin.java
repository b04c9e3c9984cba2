package org.diffusionj.plugin;

import org.diffusionj.imagej.ModelsCommand;

/**
 * Plugins &gt; Diffusion &gt; Diffusion Models ({@code run("Diffusion Models", "action=list")}): list, inspect, choose and
 * import model packages.
 */
public final class ModelsPlugin extends DiffusionPlugIn {
    @Override
    protected String name(String arg) {
        return ModelsCommand.NAME;
    }

    @Override
    protected void execute(String arg) {
        ModelsCommand.run();
    }
}
