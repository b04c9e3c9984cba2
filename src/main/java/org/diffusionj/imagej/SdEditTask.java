package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.Options;

/** Diffusion SDEdit: re-synthesis at a strength; an area selection limits the edit. */
public final class SdEditTask extends DiffusionTask {
    public SdEditTask() {
        super("Diffusion SDEdit", "sdedit");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.withZ(Keys.sdedit(), new Options());
    }

    @Override
    protected Options defaults() {
        return new Options();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.OPTIONAL;
    }

    @Override
    public EngineCall prepare(Settings s) {
        Options o = readZ(read(new Options(), s), s).checkedCopy();
        double strength = s.number(Keys.STRENGTH);
        return (engine, plane, mask, progress) -> engine.sdedit(plane, mask, strength, o, progress);
    }

    @Override
    public StackCall prepareStack(Settings s) {
        Options o = readZ(read(new Options(), s), s).checkedCopy();
        double strength = s.number(Keys.STRENGTH);
        return !o.zConsistent ? null
                : (engine, slices, mask, progress) -> engine.sdeditStack(slices, mask, strength, o, progress);
    }
}
