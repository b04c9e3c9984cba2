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
        return Keys.inpaint(new InpaintOptions());
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
        InpaintOptions o = read(new InpaintOptions(), s);
        o.grow = s.integer(Keys.GROW);
        o.feather = s.integer(Keys.FEATHER);
        o.jumpLength = s.integer(Keys.JUMP);
        o.jumpRepeats = s.integer(Keys.REPEATS);
        o.start = s.number(Keys.START);
        o.blend = s.choice(Keys.ESTIMATE).equals("blend");
        InpaintOptions checked = (InpaintOptions) o.checkedCopy();
        return (engine, plane, mask, progress) -> engine.inpaint(plane, mask, checked, progress);
    }
}
