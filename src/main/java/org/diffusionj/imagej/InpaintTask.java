package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.DiffusionEngine;
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
    public PlaneFunction bind(DiffusionEngine engine, Settings s) {
        InpaintOptions o = common(new InpaintOptions(), s);
        // grow and feather are already applied to the mask by SelectionMask
        o.grow = 0;
        o.feather = 0;
        o.jumpLength = s.whole(Keys.JUMP, 0, 1000);
        o.jumpRepeats = s.whole(Keys.REPEATS, 1, 100);
        o.start = s.number(Keys.START, 0, 1);
        o.blend = s.choice(Keys.ESTIMATE).equals("blend");
        return (plane, mask, progress) -> engine.inpaint(plane, mask, o, progress);
    }
}
