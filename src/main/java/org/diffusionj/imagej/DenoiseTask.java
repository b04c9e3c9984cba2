package org.diffusionj.imagej;

import ij.IJ;
import java.util.List;
import org.diffusionj.api.DenoiseOptions;
import org.diffusionj.api.Options;

/**
 * Diffusion Denoise: Poisson-Gaussian denoising with the noise model estimated from the image (or given by
 * gain, offset and sigma); an area selection limits it to the inside.
 */
public final class DenoiseTask extends DiffusionTask {
    public DenoiseTask() {
        super("Diffusion Denoise", "denoised");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.withZ(Keys.denoise(new DenoiseOptions()), new DenoiseOptions());
    }

    @Override
    protected Options defaults() {
        return new DenoiseOptions();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.OPTIONAL;
    }

    @Override
    public StackCall prepareStack(Settings s) {
        DenoiseOptions checked = options(s);
        return !checked.zConsistent ? null
                : (engine, slices, mask, progress) -> engine.denoiseStack(slices, mask, checked, progress);
    }

    private static DenoiseOptions options(Settings s) {
        DenoiseOptions o = readZ(read(new DenoiseOptions(), s), s);
        o.gain = s.number(Keys.GAIN);
        o.offset = s.number(Keys.OFFSET);
        o.sigma = s.number(Keys.SIGMA);
        o.blend = s.choice(Keys.ESTIMATE).equals("blend");
        return (DenoiseOptions) o.checkedCopy();
    }

    @Override
    public EngineCall prepare(Settings s) {
        DenoiseOptions checked = options(s);
        logGaussianAlone(macroName(), checked.gain, checked.sigma);
        return (engine, plane, mask, progress) -> {
            var result = engine.denoise(plane, mask, checked, progress);
            if (result.metrics().containsKey("noiseNotEstimable")) {
                IJ.log(macroName() + ": too few smooth pixels away from the clipped values (the image's minimum and"
                        + " maximum) to estimate the noise; this image is returned unchanged (give gain, offset and"
                        + " sigma to denoise it)");
            } else if (result.metrics().getOrDefault("noiseMeasurable", 1.0) == 0) {
                IJ.log(macroName() + ": no measurable noise in this image; it is returned unchanged");
            }
            if (result.metrics().containsKey("noiseGaussianAssumed")) {
                IJ.log(String.format(java.util.Locale.ROOT, "%s: too few smooth pixels to fit signal-dependent noise;"
                        + " Gaussian noise of SD %.4g assumed (give gain, offset and sigma for the camera's model)",
                        macroName(), result.metrics().get("readSigma")));
            }
            return result;
        };
    }

    /** A sigma without a gain is Gaussian noise alone, not an estimate: said once, for a dialog that kept a sigma. */
    static void logGaussianAlone(String command, double gain, double sigma) {
        if (gain == 0 && sigma > 0) {
            IJ.log(command + ": Gaussian noise alone of SD " + sigma + " (sigma given without a gain; set sigma to 0"
                    + " to estimate the noise model)");
        }
    }
}
