package org.diffusionj.imagej;

import ij.IJ;
import ij.ImagePlus;
import java.util.List;
import org.diffusionj.api.IsotropicOptions;
import org.diffusionj.api.Options;
import org.diffusionj.api.Range;

/**
 * Diffusion Isotropic: a z-stack whose voxel depth is r times its pixel width becomes one with r times as many
 * slices (r from the calibration, or the {@code factor} key); every channel and the current frame (all with
 * {@code stack}); the voxel depth is divided by r and z-average-pooling the result by r gives back the input.
 * With {@code denoise} a noisy stack is reconstructed under its Poisson-Gaussian noise model and denoised too
 * (then pooling gives back the input without its noise).
 */
public final class IsotropicTask extends DiffusionTask {
    /** The z magnifications offered: 0 takes it from the calibration. */
    public static final Range FACTOR = Range.whole("factor", 0, 16);

    public IsotropicTask() {
        super("Diffusion Isotropic", "isotropic");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.isotropic(new IsotropicOptions());
    }

    @Override
    protected Options defaults() {
        return new IsotropicOptions();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.IGNORED;
    }

    @Override
    public boolean volume() {
        return true;
    }

    @Override
    public int depthScale(Settings settings) {
        return settings.integer(Keys.FACTOR);
    }

    /** The factor from the calibration when the key leaves it at 0. */
    @Override
    public Settings resolve(ImagePlus image, Settings settings) {
        requireStack(image);
        if (settings.integer(Keys.FACTOR) != 0) {
            return settings;
        }
        double ratio = image.getCalibration().pixelDepth / image.getCalibration().pixelWidth;
        long r = Math.round(ratio);
        if (r < 2) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the voxel depth is %.3g times"
                    + " the pixel width (Image > Properties...), so the stack is already about isotropic; give"
                    + " factor=N to choose the z magnification", ratio));
        }
        if (r > FACTOR.max()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the voxel depth is %.3g times the"
                    + " pixel width; at most %d is supported: give factor=N (N <= %d) or check Image > Properties",
                    ratio, (long) FACTOR.max(), (long) FACTOR.max()));
        }
        return settings.with(Keys.FACTOR, Long.toString(r));
    }

    private static void requireStack(ImagePlus image) {
        if (image.getNSlices() < 2) {
            throw new IllegalArgumentException("Diffusion Isotropic needs a z-stack (more than one slice); "
                    + "for time series use Image > Hyperstacks > Re-order Hyperstack");
        }
    }

    private static final String FACTOR_TOO_SMALL = "factor must be at least 2 (or 0 for the calibration's)";

    @Override
    public void checkSettings(Settings settings) {
        if (settings.integer(Keys.FACTOR) == 1) { // 0 is resolved from each image's calibration
            throw new IllegalArgumentException(FACTOR_TOO_SMALL);
        }
    }

    @Override
    public void check(ImagePlus image, Settings settings) {
        requireStack(image);
        if (image.getBitDepth() == 24) {
            throw new IllegalArgumentException("Diffusion Isotropic works on 8-, 16- and 32-bit stacks: split an RGB "
                    + "stack into its channels first (Image > Color > Split Channels)");
        }
        if (settings.integer(Keys.FACTOR) < 2) {
            throw new IllegalArgumentException(FACTOR_TOO_SMALL);
        }
    }

    @Override
    public EngineCall prepare(Settings s) {
        IsotropicOptions o = read(new IsotropicOptions(), s);
        o.noise = s.number(Keys.NOISE);
        o.denoise = s.flag(Keys.DENOISE);
        o.gain = s.number(Keys.GAIN);
        o.offset = s.number(Keys.OFFSET);
        o.sigma = s.number(Keys.SIGMA);
        IsotropicOptions checked = (IsotropicOptions) o.checkedCopy();
        if (checked.denoise) {
            DenoiseTask.logGaussianAlone(macroName(), checked.gain, checked.sigma);
        }
        int factor = s.integer(Keys.FACTOR);
        return (engine, volume, mask, progress) -> {
            var result = engine.isotropic(volume, factor, checked, progress);
            if (result.metrics().getOrDefault("noiseMeasurable", 1.0) == 0) {
                IJ.log(macroName() + ": no measurable noise in this stack; reconstructed as noise-free");
            }
            return result;
        };
    }
}
