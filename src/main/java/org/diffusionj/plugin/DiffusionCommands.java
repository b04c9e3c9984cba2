package org.diffusionj.plugin;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.imagej.DiffusionTask;
import org.diffusionj.imagej.ModelsCommand;
import org.diffusionj.imagej.Tasks;
import org.diffusionj.imagej.TrainPriorCommand;

/**
 * The commands under Plugins &gt; Diffusion, as {@code plugins.config} declares them.
 *
 * <p>ImageJ 1 knows a command by its menu label, and only the labels that {@code plugins.config} declares
 * exist when ImageJ or Fiji starts. So the menu label is the name macros run and the recorder writes
 * ({@code run("Diffusion Inpaint", ...)}), with no dots: {@code run("Diffusion Inpaint")} must match the label
 * exactly.
 */
public final class DiffusionCommands {
    /**
     * One command.
     *
     * @param name      the menu label, which is also the macro command name
     * @param className the IJ1 plugin class
     * @param arg       the argument {@code plugins.config} passes to the class (null for none)
     * @param dialog    whether it opens a settings dialog when run from the menu
     */
    public record Command(String name, String className, String arg, boolean dialog) {
        /** What ImageJ runs for the command: the class, with its argument as {@code Class("arg")}. */
        public String plugin() {
            return className + (arg == null ? "" : "(\"" + arg + "\")");
        }

        /** The {@code plugins.config} line of the command. */
        public String configLine() {
            return MENU + ", \"" + name + "\", " + plugin();
        }
    }

    /** The menu the commands live in. */
    public static final String MENU = "Plugins>Diffusion";

    /** Every command, in menu order: the tasks as {@link Tasks} declares them, then the tools. */
    public static final List<Command> ALL = all();

    private DiffusionCommands() {
    }

    private static List<Command> all() {
        List<Command> all = new ArrayList<>();
        for (DiffusionTask t : Tasks.ALL) {
            all.add(new Command(t.macroName(), TaskPlugin.class.getName(), t.macroName(), true));
        }
        all.add(new Command(TrainPriorCommand.NAME, TrainPriorPlugin.class.getName(), null, true));
        all.add(new Command(ModelsCommand.NAME, ModelsPlugin.class.getName(), null, true));
        all.add(new Command(DeviceCheckPlugin.NAME, DeviceCheckPlugin.class.getName(), null, false));
        return List.copyOf(all);
    }

    /** The command with this name, or null. */
    public static Command find(String name) {
        for (Command c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
