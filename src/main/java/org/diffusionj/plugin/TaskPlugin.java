package org.diffusionj.plugin;

import org.diffusionj.imagej.TaskCommand;
import org.diffusionj.imagej.Tasks;

/**
 * Every restoration and editing command under Plugins &gt; Diffusion: {@code plugins.config} passes the command's
 * macro name as the argument ({@code TaskPlugin("Diffusion Inpaint")}), and the task declared under that name in
 * {@link Tasks} runs.
 */
public final class TaskPlugin extends DiffusionPlugIn {
    @Override
    protected String name(String arg) {
        return arg;
    }

    @Override
    protected void execute(String arg) {
        TaskCommand.run(Tasks.find(arg));
    }
}
