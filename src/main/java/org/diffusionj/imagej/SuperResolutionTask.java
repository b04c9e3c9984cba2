package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.Options;
import org.diffusionj.api.SuperResolutionOptions;

/** Diffusion Super-Resolution: x2 or x4; pixel size divides by the scale, average-pooling gives back the input. */
public final class SuperResolutionTask extends DiffusionTask {
    public SuperResolutionTask() {
        super("Diffusion Super-Resolution", "x");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.withZ(Keys.superResolution(new SuperResolutionOptions()), new SuperResolutionOptions());
    }

    @Override
    protected Options defaults() {
        return new SuperResolutionOptions();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.IGNORED;
    }

    @Override
    public String suffix(Settings settings) {
        return "x" + scale(settings);
    }

    @Override
    public int scale(Settings settings) {
        return Integer.parseInt(settings.choice(Keys.SCALE));
    }

    /** The common keys and {@code noise}, read and checked (shared with {@link IsotropicTask}). */
    static SuperResolutionOptions options(Settings s) {
        SuperResolutionOptions o = read(new SuperResolutionOptions(), s);
        o.noise = s.number(Keys.NOISE);
        return (SuperResolutionOptions) o.checkedCopy();
    }

    @Override
    public EngineCall prepare(Settings s) {
        SuperResolutionOptions checked = options(s);
        int scale = scale(s);
        return (engine, plane, mask, progress) -> engine.superResolve(plane, scale, checked, progress);
    }

    @Override
    public StackCall prepareStack(Settings s) {
        SuperResolutionOptions checked = (SuperResolutionOptions) readZ(options(s), s).checkedCopy();
        int scale = scale(s);
        return !checked.zConsistent ? null
                : (engine, slices, mask, progress) -> engine.superResolveStack(slices, scale, checked, progress);
    }
}
