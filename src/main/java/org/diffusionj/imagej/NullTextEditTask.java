package org.diffusionj.imagej;

import java.util.List;
import org.diffusionj.api.NullTextOptions;
import org.diffusionj.api.Options;

/**
 * Diffusion Null-Text Edit: inverts the image under its source class, then regenerates it under the
 * target class (Mokady et al. 2023); an area selection limits the edit.
 */
public final class NullTextEditTask extends DiffusionTask {
    public NullTextEditTask() {
        super("Diffusion Null-Text Edit", "edit");
    }

    @Override
    protected List<CommandOption> ownParameters() {
        return Keys.nullText(new NullTextOptions());
    }

    @Override
    protected Options defaults() {
        return new NullTextOptions();
    }

    @Override
    public SelectionUse selection() {
        return SelectionUse.OPTIONAL;
    }

    @Override
    public String suffix(Settings settings) {
        String target = settings.text(Keys.TARGET);
        return target.isBlank() ? "edit" : target.trim().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    @Override
    public void checkSettings(Settings s) {
        if (s.text(Keys.TARGET).isBlank()) {
            throw new IllegalArgumentException("target: name the class to edit to (target=...)");
        }
    }

    @Override
    public EngineCall prepare(Settings s) {
        NullTextOptions o = read(new NullTextOptions(), s);
        o.mode = s.choice(Keys.MODE);
        o.inner = s.integer(Keys.INNER);
        o.strength = s.number(Keys.STRENGTH);
        NullTextOptions checked = (NullTextOptions) o.checkedCopy();
        String source = className(s.text(Keys.SOURCE));
        String target = s.text(Keys.TARGET).trim();
        LogOnce log = new LogOnce(macroName());
        return (engine, plane, mask, progress) -> {
            var result = engine.nullTextEdit(plane, mask, source, target, checked, progress);
            if (result.metrics().containsKey("gradientsWrong")) {
                log.log("gradientsWrong", String.format(java.util.Locale.ROOT, "this machine computes the model's "
                        + "gradients wrongly (check ratio %.3f, 1 expected); the inversion was not optimised "
                        + "(negative-prompt inversion instead). On a CPU, start again with the environment variable "
                        + "ONEDNN_MAX_CPU_ISA=SSE41 (or AVX).", result.metrics().get("gradientCheckRatio")));
            }
            return result;
        };
    }
}
