package org.diffusionj.plugin;

import ij.IJ;
import ij.Macro;
import org.diffusionj.imagej.DeviceCheck;
import org.diffusionj.imagej.Keys;
import org.diffusionj.imagej.Session;
import org.diffusionj.imagej.Settings;
import org.diffusionj.imagej.SettingsReader;
import org.diffusionj.runtime.DeviceChoice;

/**
 * Plugins &gt; Diffusion &gt; Diffusion Device Check ({@code run("Diffusion Device Check")}): which device will run, why
 * not the GPU, and a timed forward pass of the model, in the Log window (standard output headless).
 */
public final class DeviceCheckPlugin extends DiffusionPlugIn {
    /** The macro name. */
    public static final String NAME = "Diffusion Device Check";

    @Override
    protected String name(String arg) {
        return NAME;
    }

    @Override
    protected void execute(String arg) {
        Settings s = SettingsReader.read(NAME, Keys.deviceCheck(), Macro.getOptions(), IJ::log);
        String model = Macro.getOptions() == null ? Session.defaultModel() : s.text(Keys.MODEL);
        IJ.showStatus("Diffusion: checking the device...");
        for (String line : DeviceCheck.report(model, DeviceChoice.parse(s.choice(Keys.DEVICE)))) {
            IJ.log(line);
        }
        IJ.showStatus("");
    }
}
