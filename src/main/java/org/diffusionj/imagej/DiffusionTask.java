package org.diffusionj.imagej;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.Options;

/**
 * One Diffusion command as ImageJ sees it: its macro name, parameters, how it uses the selection, what
 * it makes of a plane, and the engine call behind it. The five subclasses are the five tasks.
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

    /** The magnification of the result (1 except for super-resolution). */
    public int scale(Settings settings) {
        return 1;
    }

    /** Rejects images or settings the task cannot handle, before any work. */
    public void check(ImagePlus image, Settings settings) {
    }

    /** The plane in the form the engine takes. */
    public Img<FloatType> input(ImageProcessor plane) {
        return FloatPlanes.toImg(plane);
    }

    /** The engine call for one plane with these settings. */
    public abstract PlaneFunction bind(DiffusionEngine engine, Settings settings);

    /** Copies the common settings into {@code options} and returns it. */
    protected static <T extends Options> T common(T options, Settings s) {
        options.sampler = s.choice(Keys.SAMPLER);
        options.steps = s.whole(Keys.STEPS, 1, 10_000);
        options.seed = s.whole(Keys.SEED);
        options.eta = s.number(Keys.ETA, 0, 1);
        options.className = className(s.text(Keys.CLASS));
        options.guidance = s.number(Keys.GUIDANCE, 0, 100);
        options.samples = s.whole(Keys.SAMPLES, 1, 100);
        options.tile = s.whole(Keys.TILE, 0, 1 << 20);
        options.overlap = s.whole(Keys.OVERLAP, 0, 1 << 20);
        options.memoryMb = s.whole(Keys.MEMORY, 0, 1 << 24);
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
