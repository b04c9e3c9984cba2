package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final List<CommandOption> inpaint = new InpaintTask().parameters();

    @Test
    void macroOptionsOverrideDefaultsAndUnknownKeysWarn() {
        List<String> warnings = new ArrayList<>();
        Settings s = SettingsReader.read("Diffusion Inpaint", inpaint, "steps=7 stpes=9 grow=2 stack", warnings::add);
        assertEquals(7, s.whole(Keys.STEPS));
        assertEquals(2, s.whole(Keys.GROW, 0, 10));
        assertTrue(s.flag(Keys.STACK));
        assertEquals("ddim", s.choice(Keys.SAMPLER));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("'stpes'"), warnings.get(0));
    }

    @Test
    void absentCheckboxMeansUnticked() {
        Settings s = SettingsReader.read("x", inpaint, "steps=3", w -> { });
        assertFalse(s.flag(Keys.STACK));
    }

    @Test
    void errorsNameTheKey() {
        Settings s = SettingsReader.read("x", inpaint, "steps=ten seed=1.5 sampler=magic grow=-1", w -> { });
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.whole(Keys.STEPS)).getMessage()
                .startsWith("steps:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.whole(Keys.SEED)).getMessage()
                .contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.choice(Keys.SAMPLER)).getMessage()
                .contains("dpm++2m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.whole(Keys.GROW, 0, 10)).getMessage()
                .startsWith("grow must be"));
    }

    @Test
    void macroOptionsRoundTrip() {
        Settings s = SettingsReader.read("x", inpaint, "model=[/a b/c] stack steps=3", w -> { });
        String options = s.toMacroOptions();
        assertTrue(options.contains("model=[/a b/c]"), options);
        assertTrue(options.endsWith(" stack"), options);
        Settings again = SettingsReader.read("x", inpaint, options, w -> { });
        assertEquals(s.values(), again.values());
    }

    @Test
    void labelsRecordAsTheirKeys() {
        assertThrows(IllegalArgumentException.class, () -> CommandOption.of("steps", "Number of steps",
                CommandOption.Kind.INTEGER, 1, ""));
        assertEquals("guidance", CommandOption.keyOf("Guidance (CFG scale, 1 = off)"));
        assertEquals("model", CommandOption.keyOf("Model:"));
    }

    @Test
    void everyCommandHasTheCommonKeysOnce() {
        for (DiffusionTask task : Tasks.ALL) {
            List<String> keys = task.parameters().stream().map(CommandOption::key).toList();
            assertEquals(keys.size(), Set.copyOf(keys).size(), task + " repeats a key: " + keys);
            assertTrue(keys.containsAll(List.of("model", "class", "sampler", "steps", "seed", "guidance", "device",
                    "tile", "overlap", "stack")), task + ": " + keys);
        }
    }

    @Test
    void dialogHelpListsKeysWithDefaults() {
        String html = SettingsDialog.help("Diffusion Inpaint", inpaint, p -> true);
        assertTrue(html.contains("<b>feather</b>"));
        assertTrue(html.contains("(default: 50)"));
        assertEquals(2, SettingsDialog.decimals("0.85"));
        assertEquals(1, SettingsDialog.decimals("7.5"));
    }
}
