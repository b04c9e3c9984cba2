package org.diffusionj.plugin;

import ij.IJ;
import ij.plugin.PlugIn;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.imagej.UserMessages;

/**
 * The common frame of the Diffusion commands: checks the ImageJ version, runs the command, and funnels
 * every failure into one message ({@link UserMessages}): never a stack trace. The recorder writes the
 * command by its menu label, which is its macro name (see {@link DiffusionCommands}).
 */
public abstract class DiffusionPlugIn implements PlugIn {
    /**
     * The oldest ImageJ the commands are tested with (Debian's {@code imagej} package); older ones get a
     * message instead of a {@code NoSuchMethodError} somewhere inside.
     */
    public static final String MINIMUM_IMAGEJ = "1.53t";

    @Override
    public final void run(String arg) {
        String macroName = name(arg);
        try {
            String version = IJ.getVersion();
            if (versionLessThan(version, MINIMUM_IMAGEJ)) {
                throw new IllegalStateException("DiffusionJ needs ImageJ " + MINIMUM_IMAGEJ + " or later; this is ImageJ "
                        + version + ". Update it with Help > Update ImageJ... (Fiji: Help > Update...).");
            }
            execute(arg);
        } catch (CancelledException e) {
            UserMessages.cancelled(macroName);
        } catch (Throwable e) {
            UserMessages.fail(macroName, e);
        }
    }

    /** ImageJ's own comparison ({@code IJ.versionLessThan} without its dialog): "1.53t" before "1.54p". */
    static boolean versionLessThan(String version, String minimum) {
        return version.compareTo(minimum) < 0;
    }

    /** The command's macro name (for messages), given the argument {@code plugins.config} passes. */
    protected abstract String name(String arg);

    /** The command's work; any exception becomes one user message. */
    protected abstract void execute(String arg) throws Exception;
}
