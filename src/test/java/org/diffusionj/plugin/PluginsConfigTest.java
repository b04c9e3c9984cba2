package org.diffusionj.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.plugin.PlugIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsConfigTest {
    @Test
    void pluginsConfigListsEveryCommandInOrder() throws IOException {
        List<String> items = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            if (line.startsWith(DiffusionCommands.MENU) && !line.endsWith("\"-\"")) {
                items.add(line.trim());
            }
        }
        assertEquals(DiffusionCommands.ALL.stream().map(DiffusionCommands.Command::configLine).toList(), items);
    }

    @Test
    void everyCommandIsAPlugInWithAUniqueMacroName() throws ClassNotFoundException {
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            assertTrue(PlugIn.class.isAssignableFrom(Class.forName(c.className())), c.className());
            assertTrue(c.name().startsWith("Diffusion ") && !c.name().endsWith("."), c.name());
            assertEquals(c, DiffusionCommands.find(c.name()));
        }
    }

    @Test
    void thePackagedJarCarriesPluginsConfig() {
        assertNotNull(getClass().getResource("/plugins.config"), "plugins.config must be a jar resource");
    }
}
