package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.InpaintOptions;
import org.diffusionj.api.Options;

/** Diffusion Inpaint: the area selection (composite ones too) is filled in. */
public final class InpaintTask extends DiffusionTask {
    public InpaintTask() {
        super("Diffusion Inpaint", "inpaint");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.withZ(Keys.inpaint(new InpaintOptions()), new InpaintOptions());
    }

    @Override
    protected Options defaults() {
        return new InpaintOptions();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.REQUIRED;
    }

    @Override
    public EngineCall prepare(Settings s) {
        InpaintOptions checked = options(s);
        return (engine, plane, mask, progress) -> engine.inpaint(plane, mask, checked, progress);
    }

    @Override
    public StackCall prepareStack(Settings s) {
        InpaintOptions checked = options(s);
        return !checked.zConsistent ? null
                : (engine, slices, mask, progress) -> engine.inpaintStack(slices, mask, checked, progress);
    }

    private static InpaintOptions options(Settings s) {
        InpaintOptions o = readZ(read(new InpaintOptions(), s), s);
        o.grow = s.integer(Keys.GROW);
        o.feather = s.integer(Keys.FEATHER);
        o.jumpLength = s.integer(Keys.JUMP);
        o.jumpRepeats = s.integer(Keys.REPEATS);
        o.start = s.number(Keys.START);
        o.rerun = s.number(Keys.RERUN);
        o.blend = s.choice(Keys.ESTIMATE).equals("blend");
        return (InpaintOptions) o.checkedCopy();
    }
}
