package org.diffusionj.imagej;

import ij.IJ;
import ij.Macro;
import ij.io.OpenDialog;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.diffusionj.runtime.Models;

/**
 * Diffusion Models: list the model packages, show one's manifest, choose the session default, import a
 * package (folder or zip) into the user models folder. Output goes to the Log window.
 */
public final class ModelsCommand {
    /** The macro name. */
    public static final String NAME = "Diffusion Models";

    private ModelsCommand() {
    }

    /** Runs the command with the dialog or the macro options. */
    public static void run() {
        List<CommandOption> parameters = Keys.models();
        String options = Macro.getOptions();
        Settings s;
        if (options != null || GraphicsEnvironment.isHeadless() || UserMessages.batchRun()) {
            s = SettingsReader.read(NAME, parameters, options, IJ::log);
        } else {
            List<CommandOption> shown = DialogChoices.adapt(List.of(parameters.get(0),
                    parameters.get(1).withDefault(Session.defaultModel()), parameters.get(2), parameters.get(3)));
            s = SettingsDialog.show(NAME, shown, p -> true, p -> false, Map.of(), "Models folder: " + Models.userFolder());
            if (s == null) {
                return;
            }
            if (s.text(Keys.ACTION).equals("import") && s.text(Keys.PATH).isBlank()) {
                String chosen = new OpenDialog("Model package (zip, or model.json in its folder)").getPath();
                if (chosen == null) {
                    return;
                }
                s = s.with(Keys.PATH, chosen);
            }
        }
        for (String line : perform(s).split("\n")) {
            IJ.log(line);
        }
    }

    /** Does what the settings ask and returns the text to show. */
    public static String perform(Settings s) {
        String model = s.text(Keys.MODEL);
        switch (s.choice(Keys.ACTION)) {
            case "info":
                return ModelLibrary.describe(model);
            case "default":
                Models.find(model);
                Session.setDefaultModel(model);
                return "Default model for this session: " + model;
            case "import":
                String path = s.text(Keys.PATH);
                if (path.isBlank()) {
                    throw new IllegalArgumentException("path: give the package folder or zip to import (path=...)");
                }
                Path target = ModelLibrary.importPackage(Paths.get(path), s.flag(Keys.REPLACE));
                return "Imported " + path + " as '" + target.getFileName() + "' into " + target.getParent()
                        + "\nUse it with model=" + target.getFileName();
            default:
                return list();
        }
    }

    /** The available models, the session default marked. */
    public static String list() {
        StringBuilder s = new StringBuilder("Diffusion models (user folder: " + Models.userFolder() + "):\n");
        String current = Session.defaultModel().equalsIgnoreCase("default") ? Models.DEFAULT : Session.defaultModel();
        for (String name : Models.available()) {
            s.append(name.equals(current) ? "  * " : "    ").append(name).append('\n');
        }
        if (!Models.available().contains(current)) {
            s.append("  * ").append(current).append('\n');
        }
        return s.append("(* = default for this session)").toString();
    }
}
