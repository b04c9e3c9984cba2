package org.diffusionj.plugin;

import ij.CommandListener;
import ij.Executer;
import ij.Menus;
import java.util.Hashtable;

/**
 * Makes the macro names of the Diffusion commands ({@code Diffusion Inpaint}, ...) runnable and recorded,
 * while the menu shows short labels ({@code Inpaint Selection...}).
 *
 * <p>An ImageJ {@link CommandListener} sees every command before it runs: it maps a Diffusion menu label to
 * its macro name (so the recorder writes {@code run("Diffusion Inpaint", ...)}) and makes sure the macro
 * name is in ImageJ's command table (which "Refresh Menus" rebuilds). It is installed once per JVM: by the
 * SciJava {@code DiffusionService} when Fiji starts, by the headless macro runner, and by every Diffusion
 * command when it runs.
 */
public final class CommandAliases implements CommandListener {
    private static volatile boolean installed;

    CommandAliases() {
    }

    /** Installs the listener (once) and registers the macro names in the current command table. */
    public static synchronized void install() {
        if (!installed) {
            Executer.addCommandListener(new CommandAliases());
            installed = true;
        }
        register(Menus.getCommands());
    }

    /** Adds every macro name to {@code table} (ImageJ's label to class table); null is ignored. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(Hashtable table) {
        if (table == null) {
            return;
        }
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            table.putIfAbsent(c.macroName(), c.className());
        }
    }

    @Override
    public String commandExecuting(String command) {
        DiffusionCommands.Command c = DiffusionCommands.find(command);
        if (c == null) {
            return command;
        }
        Hashtable<?, ?> table = Menus.getCommands();
        if (table != null && command.equals(c.label()) && !c.className().equals(table.get(command))) {
            return command; // another plugin's command with the same label
        }
        register(table);
        return c.macroName();
    }
}
