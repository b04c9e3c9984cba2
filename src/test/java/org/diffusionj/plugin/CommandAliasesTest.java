package org.diffusionj.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Hashtable;
import org.junit.jupiter.api.Test;

class CommandAliasesTest {
    @Test
    void registersEveryMacroName() {
        Hashtable<String, String> table = new Hashtable<>();
        CommandAliases.register(table);
        assertEquals(DiffusionCommands.ALL.size(), table.size());
        assertEquals(InpaintPlugin.class.getName(), table.get("Diffusion Inpaint"));
        assertEquals(DeviceCheckPlugin.class.getName(), table.get("Diffusion Device Check"));
    }

    @Test
    void leavesCommandsOfOtherPluginsAlone() {
        Hashtable<String, String> table = new Hashtable<>();
        table.put("Models...", "other.Plugin");
        CommandAliases.register(table);
        assertEquals("other.Plugin", table.get("Models..."));
    }
}
