package org.diffusionj.plugin;

import org.diffusionj.imagej.TrainPriorCommand;

/**
 * Plugins &gt; Diffusion &gt; Diffusion Train Prior ({@code run("Diffusion Train Prior", "images=[DIR] class=NAME
 * minutes=15")}): fine-tunes the prior on the user's unlabelled images.
 */
public final class TrainPriorPlugin extends DiffusionPlugIn {
    @Override
    protected String name(String arg) {
        return TrainPriorCommand.NAME;
    }

    @Override
    protected void execute(String arg) throws Exception {
        TrainPriorCommand.run();
    }
}
