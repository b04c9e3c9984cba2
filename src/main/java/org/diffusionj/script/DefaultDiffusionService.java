package org.diffusionj.script;

import ij.ImagePlus;
import java.util.List;
import java.util.Map;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.imagej.ColorizeTask;
import org.diffusionj.imagej.DenoiseTask;
import org.diffusionj.imagej.DeviceCheck;
import org.diffusionj.imagej.DiffusionTask;
import org.diffusionj.imagej.Tasks;
import org.diffusionj.imagej.FloatPlanes;
import org.diffusionj.imagej.ImageJProgress;
import org.diffusionj.imagej.InpaintTask;
import org.diffusionj.imagej.Keys;
import org.diffusionj.imagej.NullTextEditTask;
import org.diffusionj.imagej.SdEditTask;
import org.diffusionj.imagej.Session;
import org.diffusionj.imagej.Settings;
import org.diffusionj.imagej.SettingsReader;
import org.diffusionj.imagej.SuperResolutionTask;
import org.diffusionj.imagej.TaskCommand;
import org.diffusionj.imagej.TrainPriorCommand;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Models;
import org.scijava.Priority;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/**
 * The {@link DiffusionService} behind Fiji scripts; its low priority lets the ImageJ legacy layer start first.
 */
@Plugin(type = Service.class, priority = Priority.VERY_LOW)
public final class DefaultDiffusionService extends AbstractService implements DiffusionService {

    @Parameter(required = false)
    private LogService log;

    @Override
    public ImagePlus inpaint(ImagePlus image, String options) {
        return run(new InpaintTask(), image, options, Map.of());
    }

    @Override
    public ImagePlus colorize(ImagePlus image, String options) {
        return run(new ColorizeTask(), image, options, Map.of());
    }

    @Override
    public ImagePlus superResolve(ImagePlus image, int scale, String options) {
        return run(new SuperResolutionTask(), image, options, Map.of(Keys.SCALE, Integer.toString(scale)));
    }

    @Override
    public ImagePlus sdedit(ImagePlus image, double strength, String options) {
        return run(new SdEditTask(), image, options, Map.of(Keys.STRENGTH, Double.toString(strength)));
    }

    @Override
    public ImagePlus denoise(ImagePlus image, String options) {
        return run(new DenoiseTask(), image, options, Map.of());
    }

    @Override
    public ImagePlus nullTextEdit(ImagePlus image, String source, String target, String options) {
        return run(new NullTextEditTask(), image, options, Map.of(Keys.SOURCE, String.valueOf(source), Keys.TARGET,
                String.valueOf(target)));
    }

    @Override
    public ImagePlus run(String command, ImagePlus image, String options) {
        return run(Tasks.find(command), image, options, Map.of());
    }

    @Override
    public List<String> models() {
        return Models.available();
    }

    @Override
    public String deviceReport(String model) {
        return String.join("\n", DeviceCheck.report(model == null ? Session.defaultModel() : model, DeviceChoice.AUTO));
    }

    @Override
    public DiffusionEngine engine(String model, String device) {
        return DiffusionEngine.open(model, DeviceChoice.parse(device));
    }

    @Override
    public RandomAccessibleInterval<FloatType> toFloat(ImagePlus image) {
        return FloatPlanes.toImg(image.getProcessor());
    }

    @Override
    public java.nio.file.Path trainPrior(ImagePlus image, String options) throws java.io.IOException {
        Settings s = SettingsReader.read(TrainPriorCommand.NAME, Keys.trainPrior(), options, this::warn);
        return TrainPriorCommand.train(s, image, TrainPriorCommand.logTo(this::info)).output();
    }

    /**
     * Runs {@code task} with the macro-style {@code options}; the typed arguments ({@code fixed}, key to value) are
     * set on the settings directly and win over the same keys in the options.
     */
    private ImagePlus run(DiffusionTask task, ImagePlus image, String options, Map<String, String> fixed) {
        if (image == null) {
            throw new IllegalArgumentException(task.macroName() + ": no image given");
        }
        List<org.diffusionj.imagej.CommandOption> parameters = task.parameters();
        Settings s = SettingsReader.read(task.macroName(), withSessionModel(parameters), options, this::warn);
        for (Map.Entry<String, String> e : fixed.entrySet()) {
            s = s.with(e.getKey(), e.getValue());
        }
        return TaskCommand.execute(task, image, s, new ImageJProgress(task.macroName())).image();
    }

    private static List<org.diffusionj.imagej.CommandOption> withSessionModel(List<org.diffusionj.imagej.CommandOption> ps) {
        return ps.stream().map(p -> p.key().equals(Keys.MODEL) ? p.withDefault(Session.defaultModel()) : p).toList();
    }

    private void info(String message) {
        if (log != null) {
            log.info(message);
        } else {
            System.out.println(message);
        }
    }

    private void warn(String message) {
        if (log != null) {
            log.warn(message);
        } else {
            System.err.println(message);
        }
    }
}
