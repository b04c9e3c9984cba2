package org.diffusionj.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.diffusionj.engine.model.ConditioningKind;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * The parsed and validated {@code model.json} of a model package (format {@value #FORMAT}).
 * Every field is checked on load; a problem names the file and the field, e.g.
 * {@code model.json: field 'schedule.timesteps' must be a positive integer}.
 *
 * <p>The fields the engine computes with are parsed into engine types here, once: the noise schedule, the
 * prediction type and the conditioning kind.
 *
 * @param schedule     the training noise schedule (kind, timesteps, betas)
 * @param betaStart    the schedule's first beta as declared (shown by Diffusion Models)
 * @param betaEnd      the schedule's last beta as declared
 * @param prediction   what the network outputs
 * @param conditioning what the network is conditioned on
 * @param embeddings   class embedding table, row 0 the null class (empty unless conditioning is class)
 * @param trainingNoise the noise SD of the training images in model units (after normalisation to [-1, 1];
 *                     optional field {@code trainingNoise}, 0 when absent or unknown). Written by the trainer:
 *                     a prior fine-tuned on noisy images learns their noise as signal, so sampling ends above it
 */
public record ModelManifest(String name, String version, String license, String description, int channels,
        int trainingSize, int minSize, NoiseSchedule schedule, double betaStart, double betaEnd,
        PredictionType prediction, ConditioningKind conditioning, int conditionDim, List<String> classes,
        float[][] embeddings,
        String normalization, double normalizationLow, double normalizationHigh, double trainingNoise,
        String denoiserFile, JsonObject provenance) {

    public static final String FORMAT = "diffusionj-model/1";
    /**
     * Sampling ends at the first timestep whose noise level is this many times the training images' noise
     * ({@link #trainingNoise}). A prior trained on noisy images learned their noise as part of the
     * signal: at diffusion noise sigma the noisy images' diffused distribution differs from the clean one by
     * {@code n^2 / sigma^2} in variance, about 6 % at 4 n; below that the steps mostly draw camera noise back
     * in. Measured on the fine-tuned packages (README, "Train the prior": "Your images' noise", "Built").
     */
    public static final double END_ABOVE_TRAINING_NOISE = 4;
    private static final Set<String> SCHEDULES = Set.of("linear", "scaled_linear", "squaredcos_cap_v2", "cosine");
    private static final Set<String> PREDICTIONS = Set.of("epsilon", "v", "v_prediction", "sample");
    private static final Set<String> CONDITIONING = Set.of("none", "class", "text");
    private static final Set<String> NORMALIZATION = Set.of("percentile", "range");

    /** Reads and validates {@code file}. */
    public static ModelManifest read(Path file) {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new ModelPackageException(file, "is not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new ModelPackageException(file, "cannot be read (" + e.getMessage() + ")", e);
        } catch (JsonParseException e) {
            throw new ModelPackageException(file, "is not valid JSON (" + TorchScriptDenoiser.firstLine(e.getMessage()) + ")", e);
        }
        return new Reader(file, root).manifest();
    }

    /** The index of a class by name (case-insensitive), with an error that lists the valid names. */
    public int classIndex(String className) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).equalsIgnoreCase(className.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unknown class '" + className + "' for model '" + name
                + "': choose one of " + classes);
    }

    public boolean isConditional() {
        return conditioning != ConditioningKind.NONE;
    }

    /** The number of training timesteps T. */
    public int timesteps() {
        return schedule.trainTimesteps();
    }

    /**
     * The lowest timestep sampling evaluates: 0, or for a package that declares its training images' noise the
     * first timestep at {@link #END_ABOVE_TRAINING_NOISE} times that noise.
     */
    public int lowestTimestep() {
        return lowestTimestep(schedule, trainingNoise);
    }

    /** {@link #lowestTimestep()} for images of noise {@code trainingNoise} on {@code schedule}. */
    public static int lowestTimestep(NoiseSchedule schedule, double trainingNoise) {
        return trainingNoise > 0
                ? (int) Math.ceil(schedule.timestepForSigma(END_ABOVE_TRAINING_NOISE * trainingNoise)) : 0;
    }

    /** Field-by-field reader that names the field in every error. */
    private record Reader(Path file, JsonObject root) {
        ModelManifest manifest() {
            String format = string(root, "format");
            if (!format.equals(FORMAT)) {
                throw bad("format", "is '" + format + "', expected '" + FORMAT + "'");
            }
            JsonObject schedule = object(root, "schedule");
            JsonObject cond = object(root, "conditioning");
            JsonObject norm = object(root, "normalization");
            JsonObject files = object(root, "files");
            String kind = oneOf(cond, "conditioning.kind", "kind", CONDITIONING);
            int dim = kind.equals("none") && !cond.has("dim") ? 1 : positiveInt(cond, "conditioning.dim", "dim");
            List<String> classes = new ArrayList<>();
            float[][] table = new float[0][];
            if (kind.equals("class")) {
                JsonArray names = array(cond, "conditioning.classes", "classes");
                for (JsonElement n : names) {
                    classes.add(n.getAsString());
                }
                if (classes.size() < 2) {
                    throw bad("conditioning.classes", "needs the null class at index 0 and at least one class");
                }
                table = embeddings(array(cond, "conditioning.embeddings", "embeddings"), classes.size(), dim);
            }
            double low = number(norm, "normalization.low", "low");
            double high = number(norm, "normalization.high", "high");
            if (!(low < high)) {
                throw bad("normalization", "needs low < high");
            }
            double betaStart = number(schedule, "schedule.betaStart", "betaStart");
            double betaEnd = number(schedule, "schedule.betaEnd", "betaEnd");
            if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
                throw bad("schedule.betaStart/betaEnd", "need 0 < betaStart < betaEnd < 1");
            }
            String denoiser = string(files, "denoiser");
            if (denoiser.contains("..") || denoiser.startsWith("/")) {
                throw bad("files.denoiser", "must be a file name inside the package");
            }
            return new ModelManifest(string(root, "name"), string(root, "version"), string(root, "license"),
                    root.has("description") ? root.get("description").getAsString() : "",
                    positiveInt(root, "channels", "channels"), positiveInt(root, "trainingSize", "trainingSize"),
                    root.has("minSize") ? positiveInt(root, "minSize", "minSize") : 8,
                    NoiseSchedule.fromName(oneOf(schedule, "schedule.kind", "kind", SCHEDULES),
                            positiveInt(schedule, "schedule.timesteps", "timesteps"), betaStart, betaEnd),
                    betaStart, betaEnd, PredictionType.fromName(oneOf(root, "prediction", "prediction", PREDICTIONS)),
                    ConditioningKind.fromName(kind), dim, List.copyOf(classes), table,
                    oneOf(norm, "normalization.kind", "kind", NORMALIZATION), low, high, trainingNoise(), denoiser,
                    root.has("provenance") && root.get("provenance").isJsonObject()
                            ? root.getAsJsonObject("provenance") : new JsonObject());
        }

        private double trainingNoise() {
            if (!root.has("trainingNoise")) {
                return 0;
            }
            double v = number(root, "trainingNoise", "trainingNoise");
            if (v < 0) {
                throw bad("trainingNoise", "must be >= 0");
            }
            return v;
        }

        private float[][] embeddings(JsonArray rows, int count, int dim) {
            if (rows.size() != count) {
                throw bad("conditioning.embeddings", "has " + rows.size() + " rows but there are " + count + " classes");
            }
            float[][] table = new float[count][dim];
            for (int i = 0; i < count; i++) {
                JsonArray row = rows.get(i).getAsJsonArray();
                if (row.size() != dim) {
                    throw bad("conditioning.embeddings[" + i + "]", "has " + row.size() + " values, expected dim = " + dim);
                }
                for (int j = 0; j < dim; j++) {
                    table[i][j] = row.get(j).getAsFloat();
                }
            }
            return table;
        }

        private ModelPackageException bad(String field, String problem) {
            return new ModelPackageException(file, "field '" + field + "' " + problem);
        }

        private JsonElement field(JsonObject o, String path, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw bad(path, "is missing");
            }
            return e;
        }

        private String string(JsonObject o, String key) {
            JsonElement e = field(o, key, key);
            if (!e.isJsonPrimitive() || e.getAsString().isBlank()) {
                throw bad(key, "must be a non-empty string");
            }
            return e.getAsString();
        }

        private String oneOf(JsonObject o, String path, String key, Set<String> valid) {
            JsonElement e = field(o, path, key);
            String value = e.isJsonPrimitive() ? e.getAsString().toLowerCase(Locale.ROOT) : "";
            if (!valid.contains(value)) {
                throw bad(path, "is '" + e + "'; valid values: " + valid);
            }
            return value;
        }

        private JsonObject object(JsonObject o, String key) {
            JsonElement e = field(o, key, key);
            if (!e.isJsonObject()) {
                throw bad(key, "must be an object");
            }
            return e.getAsJsonObject();
        }

        private JsonArray array(JsonObject o, String path, String key) {
            JsonElement e = field(o, path, key);
            if (!e.isJsonArray()) {
                throw bad(path, "must be an array");
            }
            return e.getAsJsonArray();
        }

        private double number(JsonObject o, String path, String key) {
            JsonElement e = field(o, path, key);
            try {
                double v = e.getAsDouble();
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (RuntimeException ignored) {
                // falls through to the error below
            }
            throw bad(path, "must be a finite number");
        }

        private int positiveInt(JsonObject o, String path, String key) {
            double v = number(o, path, key);
            if (v < 1 || v != Math.rint(v)) {
                throw bad(path, "must be a positive integer");
            }
            return (int) v;
        }
    }
}
