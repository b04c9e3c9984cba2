package org.diffusionj.plugin;

import java.util.List;

/**
 * The commands under Plugins &gt; Diffusion: the menu label users see, the name macros run, the class.
 *
 * <p>ImageJ 1 knows a command by its menu label, and {@code plugins.config} can only declare visible menu
 * items. The macro names ({@code run("Diffusion Inpaint", ...)}) are therefore aliases that
 * {@link CommandAliases} adds to ImageJ's command table and that the recorder writes.
 */
public final class DiffusionCommands {
    /**
     * One command.
     *
     * @param label     the menu item under Plugins &gt; Diffusion
     * @param macroName the name a macro runs and the recorder writes
     * @param className the IJ1 plugin class
     */
    public record Command(String label, String macroName, String className) {
    }

    /** The menu the commands live in. */
    public static final String MENU = "Plugins>Diffusion";

    /** Every command, in menu order. */
    public static final List<Command> ALL = List.of(
            new Command("Inpaint Selection...", "Diffusion Inpaint", InpaintPlugin.class.getName()),
            new Command("Colorize...", "Diffusion Colorize", ColorizePlugin.class.getName()),
            new Command("Super-Resolution...", "Diffusion Super-Resolution", SuperResolutionPlugin.class.getName()),
            new Command("SDEdit...", "Diffusion SDEdit", SdEditPlugin.class.getName()),
            new Command("Null-Text Edit...", "Diffusion Null-Text Edit", NullTextEditPlugin.class.getName()),
            new Command("Models...", "Diffusion Models", ModelsPlugin.class.getName()),
            new Command("Device Check", "Diffusion Device Check", DeviceCheckPlugin.class.getName()));

    private DiffusionCommands() {
    }

    /** The command with this menu label or macro name, or null. */
    public static Command find(String name) {
        for (Command c : ALL) {
            if (c.label().equals(name) || c.macroName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
