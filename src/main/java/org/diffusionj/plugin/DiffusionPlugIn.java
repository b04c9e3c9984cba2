package org.diffusionj.plugin;

import ij.IJ;
import ij.plugin.PlugIn;
import ij.plugin.frame.Recorder;
import org.diffusionj.engine.sampler.CancelledException;
import org.diffusionj.imagej.UserMessages;

/**
 * The common frame of the Diffusion commands: records the macro name, runs the command, and funnels
 * every failure into one message ({@link UserMessages}): never a stack trace.
 */
public abstract class DiffusionPlugIn implements PlugIn {
    private final String macroName;

    protected DiffusionPlugIn(String macroName) {
        this.macroName = macroName;
    }

    @Override
    public final void run(String arg) {
        CommandAliases.install();
        if (IJ.recording()) {
            Recorder.setCommand(macroName);
        }
        try {
            execute();
        } catch (CancelledException e) {
            UserMessages.cancelled(macroName);
        } catch (Throwable e) {
            UserMessages.fail(macroName, e);
        }
    }

    /** The command's work; any exception becomes one user message. */
    protected abstract void execute() throws Exception;
}
