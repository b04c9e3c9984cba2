package org.diffusionj.runtime;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code model.json} of a package derived from another: the source's fields kept as they are
 * (schedule, prediction, normalisation, sizes, licence), with a new name and version, the grown class
 * table, the noise of the new training images ({@code trainingNoise}, see {@link ModelManifest}) and the
 * provenance of how the new weights were made.
 */
final class ModelManifestWriter {
    /** The null class at row 0 of every class table (used for guidance). */
    static final String NULL_CLASS = "none";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private ModelManifestWriter() {
    }

    static void write(Path sourceJson, Path target, String name, String version, List<String> classes,
            float[][] table, double trainingNoise, Map<String, Object> provenance) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(sourceJson, StandardCharsets.UTF_8)).getAsJsonObject();
        String description = root.has("description") ? root.get("description").getAsString() : "";
        root.addProperty("description", "Fine-tuned from " + root.get("name").getAsString() + " "
                + root.get("version").getAsString() + ". " + description);
        root.addProperty("name", name);
        root.addProperty("version", version);
        JsonObject cond = root.getAsJsonObject("conditioning");
        if (cond != null && cond.has("kind") && cond.get("kind").getAsString().equals("class")) {
            JsonArray names = new JsonArray();
            classes.forEach(names::add);
            JsonArray rows = new JsonArray();
            for (float[] row : table) {
                JsonArray r = new JsonArray();
                for (float v : row) {
                    r.add(v);
                }
                rows.add(r);
            }
            cond.add("classes", names);
            cond.add("embeddings", rows);
        }
        root.addProperty("trainingNoise", trainingNoise);
        root.add("provenance", GSON.toJsonTree(provenance));
        Files.writeString(target, GSON.toJson(root), StandardCharsets.UTF_8);
    }
}
