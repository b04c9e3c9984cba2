package org.diffusionj.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ImageConverter;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.imagej.ColorizeTask;
import org.diffusionj.imagej.DenoiseTask;
import org.diffusionj.imagej.DiffusionTask;
import org.diffusionj.imagej.ImageJProgress;
import org.diffusionj.imagej.InpaintTask;
import org.diffusionj.imagej.NullTextEditTask;
import org.diffusionj.imagej.SdEditTask;
import org.diffusionj.imagej.Settings;
import org.diffusionj.imagej.SettingsReader;
import org.diffusionj.imagej.SuperResolutionTask;
import org.diffusionj.imagej.TaskCommand;
import org.diffusionj.imagej.StackRunner;
import org.diffusionj.imagej.UserMessages;
import org.diffusionj.runtime.Models;

/**
 * {@code ./diffusion demo [--out DIR] [--images DIR] [--steps N] [--model M]}: six commands (every task but Isotropic, which needs a z-stack), headless,
 * on the test images with the embedded default model. Writes each input and result as TIFF and one
 * contact sheet PNG, and prints each command's time and data-consistency figures. A failing command is
 * reported and the others still run.
 */
public final class Demo {
    /** One command of the demo: what it runs on, with which selection and options, and what it checks. */
    private record Step(String name, DiffusionTask task, String file, double[] crop, boolean gray, double[] roi,
            boolean oval, String options, Check check) {
    }

    /** A data-consistency figure for a step. */
    private interface Check {
        String figure(ImagePlus input, ImagePlus result, Roi roi);
    }

    private Demo() {
    }

    public static int run(String[] args) {
        Path out = Paths.get("out", "demo");
        Path images = Paths.get("test-images");
        int steps = 20;
        String model = "default";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Paths.get(value);
                case "--images" -> images = Paths.get(value);
                case "--steps" -> steps = Integer.parseInt(value);
                case "--model" -> model = value;
                default -> {
                    System.err.println("Usage: ./diffusion demo [--out DIR] [--images DIR] [--steps N] [--model M]");
                    return 2;
                }
            }
            i++;
        }
        return new Demo().runAll(out, images, steps, model);
    }

    /** Crops and selections are fractions (x, y, width, height) of the image, so any image size works. */
    private static List<Step> plan(int steps, String model) {
        String common = "model=[" + model + "] seed=1 steps=" + steps + " ";
        List<String> classes = classes(model);
        String fluorescence = pick(classes, "fluorescence", 0);
        String brightfield = pick(classes, "brightfield", 0);
        String histology = pick(classes, "histology", 0);
        return List.of(
                new Step("Inpaint", new InpaintTask(), "nuclei-fluorescence-16bit.tif",
                        new double[] {0.25, 0.25, 0.5, 0.5}, false, new double[] {0.3, 0.35, 0.35, 0.3}, true,
                        common + "class=" + fluorescence + " feather=3", DataConsistency::outside),
                new Step("Colorize", new ColorizeTask(), "he-histology.tif", new double[] {0.25, 0.25, 0.5, 0.5},
                        true, null, false, common + "class=" + histology,
                        (in, res, roi) -> DataConsistency.gray(in, res)),
                new Step("Super-Resolution x4", new SuperResolutionTask(), "cells-phase.tif",
                        new double[] {0.375, 0.375, 0.25, 0.25}, false, null, false,
                        common + "class=" + brightfield + " scale=4", (in, res, roi) -> DataConsistency.pooled(in, res, 4)),
                new Step("SDEdit", new SdEditTask(), "ihc-histology.tif", new double[] {0, 0.25, 1, 0.5}, false,
                        new double[] {0.125, 0.25, 0.75, 0.5}, false, common + "class=" + histology + " strength=0.5",
                        DataConsistency::outside),
                new Step("Null-Text Edit", new NullTextEditTask(), "ihc-histology.tif",
                        new double[] {0.125, 0.3125, 0.75, 0.375}, false, null, false, "model=[" + model
                        + "] seed=1 steps=" + steps + " source=" + pick(classes, "histology", 1)
                        + " target=" + pick(classes, "fluorescence", 2) + " inner=5 strength=0.5",
                        (in, res, roi) -> "an edit of the class: no data constraint"),
                new Step("Denoise", new DenoiseTask(), "nuclei-fluorescence-16bit.tif",
                        new double[] {0.25, 0.25, 0.5, 0.5}, false, null, false,
                        common + "class=" + fluorescence + " samples=2", (in, res, roi) -> noiseEstimate(res)));
    }

    /** The noise model the command estimated, from the result's Info. */
    private static String noiseEstimate(ImagePlus result) {
        String info = String.valueOf(result.getProperty("Info"));
        if (info.contains("metric.noiseMeasurable = 0")) {
            return "no measurable noise: the input returned unchanged";
        }
        if (info.contains("metric.noiseGaussianAssumed = ")) {
            return "too few smooth pixels for signal-dependent noise: Gaussian noise of SD " + metric(info, "readSigma")
                    + " assumed (image units)";
        }
        return "noise estimated from the image: gain " + metric(info, "gain") + ", read noise "
                + metric(info, "readSigma") + " (image units)";
    }

    private static String metric(String info, String name) {
        for (String line : info.split("\n")) {
            if (line.startsWith("metric." + name + " = ")) {
                return line.substring(("metric." + name + " = ").length()).trim();
            }
        }
        return "?";
    }

    /** The model's class names (index 0 is the unconditional one); empty if it cannot be read. */
    private static List<String> classes(String model) {
        try {
            return Models.find(model).manifest().classes();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** {@code wanted} if the model has that class, else its class number {@code fallback} ("none" for 0). */
    private static String pick(List<String> classes, String wanted, int fallback) {
        if (classes.contains(wanted)) {
            return wanted;
        }
        return fallback > 0 && fallback < classes.size() ? classes.get(fallback) : "none";
    }

    private int runAll(Path out, Path images, int steps, String model) {
        long start = System.nanoTime();
        HeadlessImageJ.start();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            System.err.println("Error: cannot create " + out + " (" + e.getMessage() + ")");
            return 2;
        }
        List<Step> plan = plan(steps, model);
        System.out.println("DiffusionJ demo: " + plan.size() + " commands on " + images + ", results in " + out);
        CommandSheet sheet = new CommandSheet();
        List<String> summary = new ArrayList<>();
        int failures = 0;
        int index = 1;
        for (Step step : plan) {
            String prefix = index++ + "-" + step.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            ImagePlus input = null;
            try {
                input = input(images, step);
                System.out.println("- " + step.name() + ": " + input.getTitle() + " ("
                        + input.getWidth() + "x" + input.getHeight() + "), " + step.options());
                StackRunner.Output o = TaskCommand.execute(step.task(), input, settings(step),
                        new ImageJProgress(step.task().macroName()));
                save(o.image(), out.resolve(prefix + "-result.tif"));
                save(input.duplicate(), out.resolve(prefix + "-input.tif"));
                String figure = step.check().figure(input, o.image(), input.getRoi());
                String line = String.format(Locale.ROOT, "%-20s %6.1f s   %s", step.name(), o.seconds(), figure);
                System.out.println("  " + line + metrics(o.metrics()));
                summary.add(line + metrics(o.metrics()));
                sheet.add(step.name() + String.format(Locale.ROOT, " (%.1f s)", o.seconds()),
                        new String[] {step.options().replaceAll("model=\\[[^]]*] ", ""), figure}, input,
                        input.getRoi(), o.image());
            } catch (Throwable e) {
                failures++;
                String line = String.format(Locale.ROOT, "%-20s FAILED: %s", step.name(), UserMessages.describe(e));
                System.out.println("  " + line);
                summary.add(line);
                if (input != null) {
                    sheet.add(step.name(), new String[] {"failed: " + UserMessages.describe(e)}, input,
                            input.getRoi(), null);
                }
            }
        }
        Path png = out.resolve("contact-sheet.png");
        new FileSaver(sheet.render()).saveAsPng(png.toString());
        double total = (System.nanoTime() - start) / 1e9;
        summary.add(String.format(Locale.ROOT, "total %.1f s, %d of %d commands succeeded", total,
                plan.size() - failures, plan.size()));
        try {
            Files.write(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Warning: summary.txt not written: " + e.getMessage());
        }
        System.out.printf(Locale.ROOT, "Contact sheet: %s%nTotal: %.1f s, %d of %d commands succeeded%n", png, total,
                plan.size() - failures, plan.size());
        return failures == 0 ? 0 : 1;
    }

    private static Settings settings(Step step) {
        return SettingsReader.read(step.task().macroName(), step.task().parameters(), step.options(),
                w -> System.out.println("  " + w));
    }

    private static ImagePlus input(Path images, Step step) {
        Path file = images.resolve(step.file());
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new IllegalArgumentException("cannot open " + file);
        }
        if (step.crop() != null) {
            String title = imp.getTitle();
            imp.setRoi(fraction(imp, step.crop()));
            imp = imp.crop();
            imp.setTitle(title);
        }
        if (step.gray()) {
            new ImageConverter(imp).convertToGray8();
        }
        if (step.roi() != null) {
            Rectangle r = fraction(imp, step.roi());
            imp.setRoi(step.oval() ? new OvalRoi(r.x, r.y, r.width, r.height) : new Roi(r));
        }
        return imp;
    }

    private static Rectangle fraction(ImagePlus imp, double[] f) {
        int w = imp.getWidth();
        int h = imp.getHeight();
        return new Rectangle((int) Math.round(f[0] * w), (int) Math.round(f[1] * h),
                Math.max(1, (int) Math.round(f[2] * w)), Math.max(1, (int) Math.round(f[3] * h)));
    }

    private static void save(ImagePlus imp, Path file) {
        if (!new FileSaver(imp).saveAsTiff(file.toString())) {
            throw new IllegalStateException("cannot write " + file);
        }
    }

    private static String metrics(Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("   engine:");
        metrics.forEach((k, v) -> s.append(String.format(Locale.ROOT, " %s=%.4g", k, v)));
        return s.toString();
    }
}
