package org.diffusionj.plugin;

import java.util.List;

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
     * @param dialog    whether it opens a settings dialog when run from the menu
     */
    public record Command(String name, String className, boolean dialog) {
    }

    /** The menu the commands live in. */
    public static final String MENU = "Plugins>Diffusion";

    /** Every command, in menu order. */
    public static final List<Command> ALL = List.of(
            new Command("Diffusion Inpaint", InpaintPlugin.class.getName(), true),
            new Command("Diffusion Colorize", ColorizePlugin.class.getName(), true),
            new Command("Diffusion Super-Resolution", SuperResolutionPlugin.class.getName(), true),
            new Command("Diffusion SDEdit", SdEditPlugin.class.getName(), true),
            new Command("Diffusion Null-Text Edit", NullTextEditPlugin.class.getName(), true),
            new Command("Diffusion Train Prior", TrainPriorPlugin.class.getName(), true),
            new Command("Diffusion Models", ModelsPlugin.class.getName(), true),
            new Command("Diffusion Device Check", DeviceCheckPlugin.class.getName(), false));

    private DiffusionCommands() {
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
