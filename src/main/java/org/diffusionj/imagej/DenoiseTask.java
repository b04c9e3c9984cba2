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
        if (!checked.zConsistent) {
            return null;
        }
        NoiseFindings findings = new NoiseFindings(macroName());
        return (engine, slices, mask, progress) -> findings.reportAll(engine.denoiseStack(slices, mask, checked, progress));
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
        NoiseFindings findings = new NoiseFindings(macroName());
        return (engine, plane, mask, progress) -> findings.report(engine.denoise(plane, mask, checked, progress));
    }

    /**
     * What the noise estimate found that the user must know (nothing to denoise, too few pixels, Gaussian noise
     * assumed), in the Log once per run: a long stack of clean planes gives one line, not one per plane. Every
     * plane's Info still says it.
     */
    private static final class NoiseFindings {
        private final LogOnce log;

        NoiseFindings(String command) {
            this.log = new LogOnce(command);
        }

        org.diffusionj.api.Result report(org.diffusionj.api.Result result) {
            var m = result.metrics();
            if (m.containsKey("noiseNotEstimable")) {
                log.log("noiseNotEstimable", "too few smooth pixels away from the clipped values (the image's minimum and"
                        + " maximum) to estimate the noise; such an image or plane is returned unchanged (give gain, offset and"
                        + " sigma to denoise it)");
            } else if (m.getOrDefault("noiseMeasurable", 1.0) == 0) {
                log.log("noiseMeasurable", "no measurable noise in this image or plane; it is returned unchanged"
                        + " (each plane's Info says which)");
            }
            if (m.containsKey("noiseGaussianAssumed")) {
                log.log("noiseGaussianAssumed", String.format(java.util.Locale.ROOT, "too few smooth pixels to fit "
                        + "signal-dependent noise; Gaussian noise of SD %.4g assumed (give gain, offset and sigma for "
                        + "the camera's model)", m.get("readSigma")));
            }
            return result;
        }

        java.util.List<org.diffusionj.api.Result> reportAll(java.util.List<org.diffusionj.api.Result> slices) {
            slices.forEach(this::report);
            return slices;
        }

    }

    /** A sigma without a gain is Gaussian noise alone, not an estimate: said once, for a dialog that kept a sigma. */
    static void logGaussianAlone(String command, double gain, double sigma) {
        if (gain == 0 && sigma > 0) {
            IJ.log(command + ": Gaussian noise alone of SD " + sigma + " (sigma given without a gain; set sigma to 0"
                    + " to estimate the noise model)");
        }
    }
}
