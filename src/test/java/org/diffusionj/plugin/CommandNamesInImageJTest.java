package org.diffusionj.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.Menus;
import java.lang.reflect.Field;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;

/**
 * The macro names work in an ImageJ whose command table holds only what plugins.config declares (the
 * menu labels), as in Fiji after start-up, once the aliases are installed.
 */
class CommandNamesInImageJTest {
    @Test
    void macroNameRunsTheCommandDeclaredUnderItsMenuLabel() throws Exception {
        Hashtable<String, String> table = new Hashtable<>();
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            table.put(c.label(), c.className());
        }
        Field f = Menus.class.getDeclaredField("pluginsTable");
        f.setAccessible(true);
        Object previous = f.get(null);
        f.set(null, table);
        try {
            CommandAliases.install();
            ij.IJ.log("\\Clear");
            IJ.run("Diffusion Models", "action=list");
            assertEquals(DiffusionCommands.ALL.get(5).className(), Menus.getCommands().get("Diffusion Models"));
            table.remove("Diffusion Models");
            // a "Refresh Menus" rebuilds the table: the listener registers the names again on the next command
            IJ.run("Models...", "action=list");
            assertTrue(Menus.getCommands().containsKey("Diffusion Models"));
            assertEquals("Diffusion Device Check", new CommandAliases().commandExecuting("Device Check"));
        } finally {
            f.set(null, previous);
        }
    }
}
