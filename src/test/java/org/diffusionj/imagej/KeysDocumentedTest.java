package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every macro key of every command is in docs/imagej.md with the default the code uses. */
class KeysDocumentedTest {
    @Test
    void everyKeyIsDocumentedWithItsDefault() throws IOException {
        String doc = Files.readString(Paths.get("docs", "imagej.md"), StandardCharsets.UTF_8);
        Map<String, List<CommandOption>> commands = new LinkedHashMap<>();
        for (DiffusionTask task : Tasks.ALL) {
            commands.put(task.macroName(), task.parameters());
        }
        commands.put(ModelsCommand.NAME, Keys.models());
        commands.put(TrainPriorCommand.NAME, Keys.trainPrior());
        commands.put("Diffusion Device Check", Keys.deviceCheck());
        String common = section(doc, "#### Common keys");
        for (Map.Entry<String, List<CommandOption>> c : commands.entrySet()) {
            String own = section(doc, "#### " + c.getKey());
            for (CommandOption p : c.getValue()) {
                String row = "| `" + p.key() + "` | " + shown(p) + " |";
                assertTrue(own.contains(row) || common.contains(row) && !own.contains("| `" + p.key() + "` |"),
                        c.getKey() + ": docs/imagej.md needs the row " + row);
            }
        }
    }

    private static String shown(CommandOption p) {
        if (p.kind() == CommandOption.Kind.FLAG) {
            return Boolean.parseBoolean(p.defaultValue()) ? "on" : "off";
        }
        if (p.defaultValue().isEmpty()) {
            return p.key().equals(Keys.TARGET) ? "(required)" : "(none)";
        }
        return "`" + p.defaultValue() + "`";
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading + "\n");
        assertTrue(start >= 0, "docs/imagej.md has no section " + heading);
        int end = doc.indexOf("\n#", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
