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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PluginsConfigTest {
    private static final Pattern ITEM = Pattern.compile("^Plugins>Diffusion, \"(.+)\", (\\S+)$");

    @Test
    void pluginsConfigListsEveryCommandInOrder() throws IOException {
        List<String[]> items = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            Matcher m = ITEM.matcher(line.trim());
            if (m.matches()) {
                items.add(new String[] {m.group(1), m.group(2)});
            }
        }
        assertEquals(DiffusionCommands.ALL.size(), items.size());
        for (int i = 0; i < items.size(); i++) {
            DiffusionCommands.Command c = DiffusionCommands.ALL.get(i);
            assertEquals(c.name(), items.get(i)[0]);
            assertEquals(c.className(), items.get(i)[1]);
        }
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
