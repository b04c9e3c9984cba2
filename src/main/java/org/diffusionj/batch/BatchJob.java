package org.diffusionj.batch;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionj.imagej.DiffusionTask;
import org.diffusionj.imagej.Keys;
import org.diffusionj.imagej.Settings;
import org.diffusionj.imagej.SettingsReader;
import org.diffusionj.imagej.Tasks;
import org.diffusionj.engine.tiling.TilePlan;

/**
 * What a dataset run does: one command (by its short name, e.g. {@code super-resolution}) with the macro's
 * keys, from an input folder to an output folder, optionally with a folder of masks, planes cut into blocks of
 * {@code block} pixels overlapping by {@code overlap}. Serializable, so that a cluster can ship it to its
 * workers; checked when made, so that a bad key fails before any work is distributed.
 *
 * @param task    the command's short name: its macro name without "Diffusion ", lower case, spaces as '-'
 * @param options the macro options (the same keys as {@code run("Diffusion ...", options)})
 * @param input   folder of images (every file ImageJ opens; hidden files skipped), or a Zarr array
 * @param output  folder for the results (TIFF, the input's name with the extension .tif; made if missing), or
 *                for a Zarr input the Zarr array to make
 * @param masks   folder of masks with the inputs' file names (non-zero = the selection), or null
 * @param block   the block side in input pixels; a plane no larger is restored whole
 * @param overlap the pixels shared by neighbouring blocks, blended by raised-cosine weights
 */
public record BatchJob(String task, String options, String input, String output, String masks, int block,
        int overlap) implements Serializable {

    /** Default block side: 512 input pixels. */
    public static final int DEFAULT_BLOCK = 512;
    /** Default overlap of neighbouring blocks. */
    public static final int DEFAULT_OVERLAP = 64;

    /**
     * Checks the job: the command and every key (ranges, combinations), the folders and the block geometry.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public BatchJob {
        if (options == null) {
            options = "";
        }
        DiffusionTask t = taskByName(task);
        if (input == null || !Files.isDirectory(Path.of(input))) {
            throw new IllegalArgumentException("the input folder " + input + " does not exist");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("an output folder is needed");
        }
        Path in = Path.of(input).toAbsolutePath().normalize();
        Path out = Path.of(output).toAbsolutePath().normalize();
        if (out.equals(in)) {
            throw new IllegalArgumentException("the output folder must differ from the input folder (inputs are "
                    + "never overwritten)");
        }
        if (masks != null) {
            if (ZarrArray.isArray(in)) {
                throw new IllegalArgumentException("masks go with a folder of images, not a Zarr array");
            }
            if (t.selection() == DiffusionTask.SelectionUse.IGNORED) {
                throw new IllegalArgumentException(t.macroName() + " takes no selection, so no masks");
            }
            if (!Files.isDirectory(Path.of(masks))) {
                throw new IllegalArgumentException("the mask folder " + masks + " does not exist");
            }
        } else if (t.selection() == DiffusionTask.SelectionUse.REQUIRED) {
            throw new IllegalArgumentException(t.macroName() + " needs a selection: give a folder of masks "
                    + "(--masks DIR, files named as the inputs, non-zero where to restore)");
        }
        TilePlan.cover(Math.max(block, 1), Math.max(block, 1), block, overlap); // the block geometry's own checks
        Settings checked = settings(t, options, message -> {
            throw new IllegalArgumentException(message);
        });
        t.checkSettings(checked);
        t.prepare(checked);
        t.prepareStack(checked); // the z keys, which some commands read only there
    }

    /** Whether the input is one Zarr array (the output is then a Zarr array too). */
    public boolean zarr() {
        return ZarrArray.isArray(Path.of(input));
    }

    /** The command. */
    public DiffusionTask command() {
        return taskByName(task);
    }

    /**
     * The settings a file is restored with: the options as a macro reads them, every plane of a stack included
     * ({@code stack}), the seed replaced by the block's.
     */
    public Settings settings(long seed) {
        return settings(command(), options, message -> {
            throw new IllegalArgumentException(message);
        }).with(Keys.STACK, "true").with(Keys.SEED, Long.toString(seed));
    }

    /** The {@code model} key's value: a path, a name in the user models folder, or "default". */
    public String model() {
        return settings(command(), options, m -> { }).text(Keys.MODEL);
    }

    /** The job with the model at {@code path} (a key given again overrides the earlier one). */
    public BatchJob withModel(String path) {
        return new BatchJob(task, options + " model=[" + path + "]", input, output, masks, block, overlap);
    }

    /** The seed the options give (the command's default when they give none). */
    public long seed() {
        return settings(command(), options, m -> { }).whole(Keys.SEED);
    }

    private static Settings settings(DiffusionTask t, String options, java.util.function.Consumer<String> warn) {
        return SettingsReader.read(t.macroName(), t.parameters(), options, warn);
    }

    /** The short command names a job takes, e.g. {@code inpaint}, {@code super-resolution}. */
    public static List<String> taskNames() {
        List<String> names = new ArrayList<>();
        for (DiffusionTask t : Tasks.ALL) {
            names.add(shortName(t));
        }
        return names;
    }

    /** {@code Diffusion Super-Resolution} -> {@code super-resolution}. */
    public static String shortName(DiffusionTask t) {
        return t.macroName().replaceFirst("^Diffusion ", "").toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static DiffusionTask taskByName(String name) {
        for (DiffusionTask t : Tasks.ALL) {
            if (shortName(t).equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown command '" + name + "'; one of " + taskNames());
    }
}
