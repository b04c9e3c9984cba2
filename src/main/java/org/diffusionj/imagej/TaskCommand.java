package org.diffusionj.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.Models;

/**
 * Runs a task as an ImageJ command: settings from the dialog (interactive) or from the macro options
 * (batch, headless, scripts, never a dialog), then the task on the current image, then the result shown.
 */
public final class TaskCommand {
    private static final Map<String, Settings> LAST = new ConcurrentHashMap<>();

    private TaskCommand() {
    }

    /** The menu / macro entry point; failures propagate to the caller's single error report. */
    public static void run(DiffusionTask task) {
        ImagePlus image = WindowManager.getCurrentImage();
        if (image == null) {
            throw new IllegalArgumentException("no image is open: open one (File > Open) and run " + task.macroName()
                    + " again");
        }
        Settings settings = settings(task, image);
        if (settings == null) {
            return;
        }
        StackRunner.Output out = execute(task, image, settings, new ImageJProgress(task.macroName()));
        // the SD map first, so that the restoration ends up the active image (what a macro's saveAs() saves)
        if (out.stdDev() != null) {
            out.stdDev().show();
        }
        out.image().show();
    }

    /** The settings for {@code task}: from the macro options when there are any or when headless, else the dialog. */
    public static Settings settings(DiffusionTask task, ImagePlus image) {
        List<CommandOption> parameters = sessionDefaults(task.parameters());
        String options = Macro.getOptions();
        if (options != null || GraphicsEnvironment.isHeadless() || UserMessages.batchRun()) {
            return SettingsReader.read(task.macroName(), parameters, options, IJ::log);
        }
        Settings last = LAST.get(task.macroName());
        List<CommandOption> shown = DialogChoices.adapt(last == null
                ? DialogSuggestions.apply(parameters, image, task instanceof InpaintTask)
                : remembered(parameters, last));
        boolean stack = image.getNSlices() * image.getNFrames() > 1;
        Map<String, String> macroDefaults = new java.util.HashMap<>();
        parameters.forEach(p -> macroDefaults.put(p.key(), p.defaultValue()));
        Settings s = SettingsDialog.show(task.macroName(), shown, p -> stack || !p.key().equals(Keys.STACK),
                Keys::advanced, macroDefaults, header(image));
        if (s != null) {
            LAST.put(task.macroName(), s);
        }
        return s;
    }

    /** Runs {@code task} on {@code image} with {@code settings}; the image is locked meanwhile, never changed. */
    public static StackRunner.Output execute(DiffusionTask task, ImagePlus image, Settings given,
            ImageJProgress progress) {
        return execute(task, image, given, progress, Session::withEngine);
    }

    /** As {@link #execute(DiffusionTask, ImagePlus, Settings, ImageJProgress)}, with engines from {@code engines}. */
    public static StackRunner.Output execute(DiffusionTask task, ImagePlus image, Settings given,
            ImageJProgress progress, EngineSource engines) {
        Settings settings = task.resolve(image, given);
        String model = settings.text(Keys.MODEL);
        DeviceChoice device = DeviceChoice.parse(settings.choice(Keys.DEVICE));
        DiffusionTask.EngineCall call = StackRunner.preflight(task, image, settings);
        DiffusionTask.StackCall stackCall = task.prepareStack(settings);
        boolean locked = image.lockSilently();
        try {
            return engines.withEngine(model, device, engine -> StackRunner.run(task, image, settings,
                    (plane, mask, p) -> call.apply(engine, plane, mask, p),
                    stackCall == null ? null : (slices, mask, p) -> stackCall.apply(engine, slices, mask, p),
                    progress, engineInfo(engine)));
        } finally {
            if (locked) {
                image.unlock();
            }
        }
    }

    /** "Model: ..." and "Device: ..." lines for the Info, whatever the engine can tell. */
    static String engineInfo(DiffusionEngine engine) {
        StringBuilder s = new StringBuilder();
        try {
            ModelManifest m = engine.model();
            s.append("Model: ").append(m.name()).append(' ').append(m.version()).append(" (").append(m.license())
                    .append(")\n");
        } catch (RuntimeException e) {
            s.append("Model: unknown\n");
        }
        try {
            s.append("Device: ").append(engine.device()).append('\n');
        } catch (RuntimeException e) {
            s.append("Device: unknown\n");
        }
        return s.toString();
    }

    private static List<CommandOption> sessionDefaults(List<CommandOption> parameters) {
        List<CommandOption> out = new ArrayList<>();
        for (CommandOption p : parameters) {
            out.add(p.key().equals(Keys.MODEL) ? p.withDefault(Session.defaultModel()) : p);
        }
        return out;
    }

    private static List<CommandOption> remembered(List<CommandOption> parameters, Settings last) {
        List<CommandOption> out = new ArrayList<>();
        for (CommandOption p : parameters) {
            boolean keep = last.has(p.key()) && !p.key().equals(Keys.MODEL);
            out.add(keep ? p.withDefault(last.text(p.key())) : p);
        }
        return out;
    }

    private static String header(ImagePlus image) {
        String dims = image.getStackSize() > 1 ? ", " + image.getNChannels() + "c x " + image.getNSlices() + "z x "
                + image.getNFrames() + "t" : "";
        String roi = image.getRoi() == null ? "none" : image.getRoi().getTypeAsString();
        return image.getTitle() + " (" + ImageInfo.typeName(image) + ", " + image.getWidth() + " x "
                + image.getHeight() + dims + "); selection: " + roi;
    }

    /** Names the models that Models.available() lists (for the dialog's model choice). */
    static List<String> modelNames() {
        try {
            return Models.available();
        } catch (RuntimeException e) {
            return List.of(Models.DEFAULT);
        }
    }
}
