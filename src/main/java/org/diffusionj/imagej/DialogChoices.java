package org.diffusionj.imagej;

import java.util.ArrayList;
import java.util.List;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.Models;

/**
 * Turns free-text parameters into drop-down choices for the dialog where the values are known: the
 * installed models, and the classes of the chosen model. The macro keys stay the same; macros may still
 * give any model path or class name.
 */
final class DialogChoices {
    private DialogChoices() {
    }

    static List<CommandOption> adapt(List<CommandOption> parameters) {
        String model = "default";
        for (CommandOption p : parameters) {
            if (p.key().equals(Keys.MODEL)) {
                model = p.defaultValue();
            }
        }
        List<String> classes = classes(model);
        List<CommandOption> out = new ArrayList<>();
        for (CommandOption p : parameters) {
            out.add(switch (p.key()) {
                case Keys.MODEL -> models(p);
                case Keys.CLASS, Keys.SOURCE -> classes.isEmpty() ? p : choice(p, withNone(classes));
                case Keys.TARGET -> classes.isEmpty() ? p : choice(p, classes);
                default -> p;
            });
        }
        return out;
    }

    private static CommandOption models(CommandOption p) {
        List<String> names = new ArrayList<>(TaskCommand.modelNames());
        String current = p.defaultValue().equalsIgnoreCase("default") ? Models.DEFAULT : p.defaultValue();
        if (!names.contains(current)) {
            names.add(0, current);
        }
        return p.withChoices(names, current);
    }

    private static CommandOption choice(CommandOption p, List<String> values) {
        String v = values.contains(p.defaultValue()) ? p.defaultValue() : values.get(0);
        return p.withChoices(values, v);
    }

    private static List<String> withNone(List<String> classes) {
        List<String> out = new ArrayList<>();
        out.add(Keys.NO_CLASS);
        out.addAll(classes);
        return out;
    }

    /** The model's class names without the null class at index 0; empty when unknown or unconditional. */
    private static List<String> classes(String model) {
        try {
            ModelManifest m = Models.find(model).manifest();
            List<String> c = m.classes();
            return c.size() > 1 ? List.copyOf(c.subList(1, c.size())) : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
