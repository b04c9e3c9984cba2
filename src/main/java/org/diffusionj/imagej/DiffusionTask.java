package org.diffusionj.imagej;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.Options;
import org.diffusionj.api.Progress;
import org.diffusionj.api.Result;
import net.imglib2.RandomAccessibleInterval;

/**
 * One Diffusion command as ImageJ sees it: its macro name, parameters, how it uses the selection, what
 * it makes of a plane, and the engine call behind it. {@link Tasks} lists them.
 */
public abstract class DiffusionTask {
    /** How a command uses the image's selection. */
    public enum SelectionUse {
        /** The selection plays no part. */
        IGNORED,
        /** An area selection limits the change; without one the whole plane may change. */
        OPTIONAL,
        /** An area selection is the mask and must be there. */
        REQUIRED
    }

    private final String macroName;
    private final String suffix;

    protected DiffusionTask(String macroName, String suffix) {
        this.macroName = macroName;
        this.suffix = suffix;
    }

    /** The name a macro runs, e.g. {@code Diffusion Inpaint}. */
    public final String macroName() {
        return macroName;
    }

    /** Appended to the input's title to name the result, e.g. {@code inpaint}. */
    public String suffix(Settings settings) {
        return suffix;
    }

    /** The parameters in dialog order: the task's own first, then the common ones. */
    public final List<CommandOption> parameters() {
        List<CommandOption> all = new ArrayList<>(ownParameters());
        all.addAll(Keys.common(defaults()));
        return all;
    }

    /** The task's own parameters (grow, scale, strength...). */
    protected abstract List<CommandOption> ownParameters();

    /** A fresh option object holding the task's defaults. */
    protected abstract Options defaults();

    public abstract SelectionUse selection();

    /** Whether every channel of a multi-channel image is processed (each as a grayscale plane). */
    public boolean allChannels() {
        return true;
    }

    /** Whether gray input comes out as colour (three channels). */
    public boolean makesColor() {
        return false;
    }

    /**
     * Whether the task takes whole z-stacks (x, y, z), one per channel and frame, instead of single planes; its
     * result then has {@link #depthScale} times as many slices.
     */
    public boolean volume() {
        return false;
    }

    /** How many result slices each input slice becomes (volume tasks). */
    public int depthScale(Settings settings) {
        return 1;
    }

    /** The settings with anything that depends on the image filled in (e.g. a factor from the calibration). */
    public Settings resolve(ImagePlus image, Settings settings) {
        return settings;
    }

    /** The magnification of the result (1 except for super-resolution). */
    public int scale(Settings settings) {
        return 1;
    }

    /** Rejects images or settings the task cannot handle, before any work ({@link #checkSettings} included). */
    public void check(ImagePlus image, Settings settings) {
        checkSettings(settings);
    }

    /**
     * Rejects settings the task cannot take whatever the image, beyond what {@link #prepare} and {@link
     * #prepareStack} check (a required key left empty): a batch job checks these before it reads any file.
     */
    public void checkSettings(Settings settings) {
    }

    /** The plane in the form the engine takes. */
    public Img<FloatType> input(ImageProcessor plane) {
        return FloatPlanes.toImg(plane);
    }

    /**
     * What the engine does with one plane, its settings read into the API's options and checked (every range and
     * combination the options know; the model's own limits are checked when it runs).
     */
    @FunctionalInterface
    public interface EngineCall {
        Result apply(DiffusionEngine engine, RandomAccessibleInterval<FloatType> plane,
                RandomAccessibleInterval<FloatType> mask, Progress progress);
    }

    /**
     * What the engine does with the slices of one z-stack (one channel and frame), sampled together
     * ({@code z=consistent}).
     */
    @FunctionalInterface
    public interface StackCall {
        List<Result> apply(DiffusionEngine engine, List<RandomAccessibleInterval<FloatType>> slices,
                RandomAccessibleInterval<FloatType> mask, Progress progress);
    }

    /**
     * The engine call for whole z-stacks when the settings ask for {@code z=consistent}; null otherwise, and for
     * tasks without the z keys. Checks the settings as {@link #prepare} does.
     */
    public StackCall prepareStack(Settings settings) {
        return null;
    }

    /** The z-stack keys ({@link Keys#zStack}) copied into {@code options}. */
    protected static <T extends Options> T readZ(T options, Settings s) {
        options.zConsistent = s.choice(Keys.Z).equals("consistent");
        options.zWeight = s.number(Keys.ZWEIGHT);
        return options;
    }

    /**
     * Reads {@code settings} into the task's options and checks them, before any model is opened.
     *
     * @throws IllegalArgumentException naming the first bad key
     */
    public abstract EngineCall prepare(Settings settings);

    /** The common settings copied into {@code options}, which is then checked and returned. */
    protected static <T extends Options> T read(T options, Settings s) {
        options.sampler = s.choice(Keys.SAMPLER);
        options.steps = s.integer(Keys.STEPS);
        options.seed = s.whole(Keys.SEED);
        options.eta = s.number(Keys.ETA);
        options.className = className(s.text(Keys.CLASS));
        options.guidance = s.number(Keys.GUIDANCE);
        options.samples = s.integer(Keys.SAMPLES);
        options.tile = s.integer(Keys.TILE);
        options.overlap = s.integer(Keys.OVERLAP);
        options.memoryMb = s.whole(Keys.MEMORY);
        return options;
    }

    /** Null for the unconditional "class" ("none" or empty), else the name. */
    static String className(String value) {
        return value == null || value.isBlank() || value.equalsIgnoreCase(Keys.NO_CLASS) ? null : value.trim();
    }

    @Override
    public String toString() {
        return macroName;
    }
}
