package org.diffusionj.imagej;

import ij.process.ImageProcessor;
import java.util.List;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Options;

/**
 * Diffusion Colorize: grayscale in, colour out; the mean of the result's R, G and B equals the input.
 * An RGB input is first reduced to that mean. Of a multi-channel image only the current channel is used.
 */
public final class ColorizeTask extends DiffusionTask {
    public ColorizeTask() {
        super("Diffusion Colorize", "color");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.zStack(new Options());
    }

    @Override
    protected Options defaults() {
        return new Options();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.IGNORED;
    }

    @Override
    public boolean allChannels() {
        return false;
    }

    @Override
    public boolean makesColor() {
        return true;
    }

    @Override
    public Img<FloatType> input(ImageProcessor plane) {
        return FloatPlanes.grayOf(plane);
    }

    @Override
    public EngineCall prepare(Settings s) {
        Options o = readZ(read(new Options(), s), s).checkedCopy();
        return (engine, plane, mask, progress) -> engine.colorize(plane, o, progress);
    }

    @Override
    public StackCall prepareStack(Settings s) {
        Options o = readZ(read(new Options(), s), s).checkedCopy();
        return !o.zConsistent ? null : (engine, slices, mask, progress) -> engine.colorizeStack(slices, o, progress);
    }
}
