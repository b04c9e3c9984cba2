package org.diffusionj.script;

import ij.ImagePlus;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.scijava.service.SciJavaService;

/**
 * Diffusion tasks for Fiji scripts: {@code #@ DiffusionService diffusion} in Groovy, Jython or any SciJava
 * script language.
 *
 * <p>The image methods take the same option strings as the macro commands (for example
 * {@code "steps=20 seed=3 stack"}), use the image's selection as the commands do, never show a dialog, and
 * return a new, not yet shown, image; the input is not modified. Errors are thrown as exceptions whose
 * message is the one the command would show. For ImgLib2 work, {@link #engine} opens the engine itself.
 */
public interface DiffusionService extends SciJavaService {

    /**
     * Fills the image's area selection ({@code grow}, {@code feather}, {@code start}, {@code estimate}, common
     * keys).
     */
    ImagePlus inpaint(ImagePlus image, String options);

    /** Gray to colour. */
    ImagePlus colorize(ImagePlus image, String options);

    /** Super-resolution by {@code scale} (2 or 4); calibration follows. */
    ImagePlus superResolve(ImagePlus image, int scale, String options);

    /** SDEdit at {@code strength} in [0, 1], limited to the selection if there is one. */
    ImagePlus sdedit(ImagePlus image, double strength, String options);

    /** Diffusion Denoise on {@code image} (its selection limits it) with macro-style options ("gain=2 offset=100"). */
    ImagePlus denoise(ImagePlus image, String options);

    /** Null-text inversion under {@code source}, regeneration under {@code target}. */
    ImagePlus nullTextEdit(ImagePlus image, String source, String target, String options);

    /** Runs a Diffusion command by its macro name ("Diffusion Inpaint", ...) with macro options. */
    ImagePlus run(String command, ImagePlus image, String options);

    /**
     * Fine-tunes a model on unlabelled images with the keys of Diffusion Train Prior ({@code images=[DIR]
     * class=NAME minutes=15 ...}); {@code image}, when not null, is trained on instead of a folder. Returns the
     * new package's folder; progress goes to the log service.
     */
    java.nio.file.Path trainPrior(ImagePlus image, String options) throws java.io.IOException;

    /** The models that {@code model=} accepts by name. */
    List<String> models();

    /** The device check report (device, reason, a timed forward pass). */
    String deviceReport(String model);

    /** Opens an engine for ImgLib2 work ({@code model} null = default, {@code device} auto / cpu / gpu); close it after use. */
    DiffusionEngine engine(String model, String device);

    /** Copies an ImagePlus plane (the current one) to the engine's float image: (x, y), or (x, y, 3) for RGB. */
    RandomAccessibleInterval<FloatType> toFloat(ImagePlus image);
}
