package org.diffusionj.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.OvalRoi;
import java.awt.AWTException;
import java.awt.Button;
import java.awt.Dialog;
import java.awt.GraphicsEnvironment;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.diffusionj.imagej.TrainPriorCommand;
import org.diffusionj.plugin.DiffusionCommands;

/**
 * What users see, checked and photographed on a real display: the Plugins &gt; Diffusion menu entries, each
 * command's dialog (opened through the menu command, then cancelled), and a result next to its input.
 * Writes {@code menu.txt}, {@code dialog-*.png} and {@code result.png} into the output folder.
 */
final class ScreenshotTour {
    private final Path out;
    private final String model;
    private final int steps;
    private final Robot robot;
    private final List<String> problems = new ArrayList<>();

    ScreenshotTour(Path out, String model, int steps) {
        this.out = out;
        this.model = model;
        this.steps = steps;
        try {
            this.robot = new Robot();
        } catch (AWTException e) {
            throw new IllegalStateException("no screen to capture: " + e.getMessage(), e);
        }
    }

    /** Runs the tour; 0 when every step worked, else 1 with the problems printed. */
    int run() throws IOException {
        Files.createDirectories(out);
        checkMenu();
        ImagePlus image = IJ.openImage(Path.of("test-images", "cells-phase.tif").toString());
        if (image == null) {
            problems.add("test-images/cells-phase.tif cannot be opened (run from the repository root)");
            return report();
        }
        image.show();
        image.getWindow().setLocation(10, 110);
        image.setRoi(new OvalRoi(90, 70, 80, 60));
        pause(800);
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            if (c.dialog()) {
                dialog(c);
            }
        }
        result(image);
        training();
        return report();
    }

    /**
     * Diffusion Train Prior as a user runs it from the menu: its dialog filled in and OKed, the progress window
     * (loss plot, Finish now, Cancel) photographed, Finish now pressed, and the package it then writes checked.
     */
    private void training() throws IOException {
        Path work = Files.createTempDirectory("diffusionj-tour-training");
        Path images = Files.createDirectories(work.resolve("images"));
        for (int i = 0; i < 4; i++) {
            ImagePlus picture = IJ.createImage("cells-" + i, "16-bit ramp", 96, 96, 1);
            picture.getProcessor().noise(200 + 100 * i);
            IJ.saveAsTiff(picture, images.resolve("cells-" + i + ".tif").toString());
        }
        Path output = work.resolve("tuned");
        IJ.doCommand(TrainPriorCommand.NAME);
        GenericDialog gd = waitForDialog(TrainPriorCommand.NAME, 20_000);
        if (gd == null) {
            problems.add("no dialog appeared for " + TrainPriorCommand.NAME);
            return;
        }
        // the first dialog's fields in Keys.trainPrior's order: images, class, output, model; minutes
        List<java.awt.TextField> text = textFields(gd.getStringFields());
        text.get(0).setText(images.toString());
        text.get(1).setText("tour");
        text.get(2).setText(output.toString());
        text.get(3).setText(model);
        textFields(gd.getNumericFields()).get(0).setText("5");
        Button ok = gd.getButtons()[0];
        gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
        Window buttons = waitForWindow(TrainPriorCommand.NAME, w -> button(w, "Finish now") != null, 60_000);
        Window plot = waitForWindow(TrainPriorCommand.NAME + " loss", w -> true, 240_000);
        if (buttons == null || plot == null) {
            problems.add("Train Prior showed no " + (buttons == null ? "Finish now / Cancel window" : "loss plot"));
            return;
        }
        buttons.setLocation(10, 110);
        plot.setLocation(10, 110 + buttons.getHeight() + 10);
        pause(10_000); // a few redraws (one every 3 s): the plot shows a curve, not its first point
        buttons.toFront();
        Rectangle area = buttons.getBounds();
        area.add(plot.getBounds());
        area.grow(8, 8);
        capture(area.intersection(GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds()),
                out.resolve("training.png"));
        Button finish = button(buttons, "Finish now");
        for (java.awt.event.ActionListener l : finish.getActionListeners()) {
            l.actionPerformed(new ActionEvent(finish, ActionEvent.ACTION_PERFORMED, finish.getLabel()));
        }
        long end = System.currentTimeMillis() + 240_000;
        while (buttons.isShowing() && System.currentTimeMillis() < end) {
            pause(200);
        }
        if (buttons.isShowing()) {
            problems.add("Train Prior did not finish within 4 minutes of Finish now");
        } else if (!Files.isRegularFile(output.resolve("model.json"))) {
            problems.add("Train Prior finished without writing the package " + output);
        } else {
            System.out.println("training: training.png; finished now, package " + output.getFileName() + " written");
        }
        if (!buttons.isShowing()) {
            org.diffusionj.runtime.PriorTrainer.deleteQuietly(work); // images, package and checkpoint: a tour's only
        }
    }

    private static List<java.awt.TextField> textFields(java.util.Vector<?> fields) {
        List<java.awt.TextField> out = new ArrayList<>();
        if (fields != null) {
            fields.forEach(f -> out.add((java.awt.TextField) f));
        }
        return out;
    }

    private static Window waitForWindow(String title, java.util.function.Predicate<Window> test, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            for (Window w : Window.getWindows()) {
                if (w instanceof java.awt.Frame f && f.isShowing() && f.getTitle().equals(title) && test.test(w)) {
                    return w;
                }
            }
            pause(200);
        }
        return null;
    }

    private static Button button(java.awt.Container c, String label) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof Button b && b.getLabel().equals(label)) {
                return b;
            }
            Button inside = child instanceof java.awt.Container inner ? button(inner, label) : null;
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }

    private void checkMenu() throws IOException {
        MenuBar bar = Menus.getMenuBar();
        Menu diffusion = null;
        for (int i = 0; bar != null && i < bar.getMenuCount(); i++) {
            if (bar.getMenu(i).getLabel().equals("Plugins")) {
                diffusion = submenu(bar.getMenu(i), "Diffusion");
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; diffusion != null && i < diffusion.getItemCount(); i++) {
            MenuItem item = diffusion.getItem(i);
            if (!item.getLabel().equals("-")) {
                labels.add(item.getLabel());
            }
        }
        StringBuilder text = new StringBuilder("Plugins>Diffusion: " + String.join(" | ", labels) + "\n");
        for (DiffusionCommands.Command c : DiffusionCommands.ALL) {
            if (!labels.contains(c.name())) {
                problems.add("menu entry missing: Plugins>Diffusion>" + c.name());
            }
            boolean runnable = c.plugin().equals(Menus.getCommands().get(c.name()));
            text.append(c.name()).append(runnable ? " -> " + c.plugin() : " NOT REGISTERED").append('\n');
            if (!runnable) {
                problems.add("command not registered: " + c.name());
            }
        }
        System.out.print(text);
        Files.writeString(out.resolve("menu.txt"), text);
    }

    private static Menu submenu(Menu menu, String label) {
        for (int i = 0; i < menu.getItemCount(); i++) {
            if (menu.getItem(i) instanceof Menu m && m.getLabel().equals(label)) {
                return m;
            }
        }
        return null;
    }

    /** Opens the command's dialog as the menu does, photographs it, and presses Cancel. */
    private void dialog(DiffusionCommands.Command c) throws IOException {
        IJ.doCommand(c.name());
        GenericDialog gd = waitForDialog(c.name(), 20_000);
        if (gd == null) {
            problems.add("no dialog appeared for " + c.name());
            return;
        }
        String name = "dialog-" + slug(c.name()) + ".png";
        capture(gd.getBounds(), out.resolve(name));
        System.out.println("dialog " + c.name() + ": " + name + " " + gd.getWidth() + "x" + gd.getHeight());
        Button cancel = gd.getButtons()[1];
        gd.actionPerformed(new ActionEvent(cancel, ActionEvent.ACTION_PERFORMED, cancel.getLabel()));
        pause(300);
    }

    /** Runs Diffusion Inpaint from a macro call and photographs the screen with the input and the result. */
    private void result(ImagePlus image) throws IOException {
        String title = image.getTitle().replaceFirst("\\.tif$", "") + "-inpaint";
        String options = "model=[" + model + "] steps=" + steps + " seed=1 feather=2";
        Thread runner = new Thread(() -> {
            try {
                IJ.run(image, "Diffusion Inpaint", options);
            } catch (RuntimeException e) {
                // the macro-style call is aborted after an error dialog; the dialog is the report
            }
        }, "tour-result");
        runner.start();
        while (runner.isAlive()) {
            Dialog error = openDialog("Diffusion Inpaint");
            if (error != null) {
                capture(error.getBounds(), out.resolve("error.png"));
                problems.add("Diffusion Inpaint failed with an error dialog (error.png)");
                error.dispose();
            }
            pause(200);
        }
        ImagePlus result = WindowManager.getImage(title);
        if (result == null || result.getWindow() == null) {
            problems.add("Diffusion Inpaint showed no result window '" + title + "'");
            return;
        }
        result.getWindow().setLocation(image.getWindow().getX() + image.getWindow().getWidth() + 10,
                image.getWindow().getY());
        IJ.run(result, "Show Info...", "");
        pause(1500);
        Window info = WindowManager.getWindow("Info for " + title);
        if (info != null) {
            info.setBounds(result.getWindow().getX() + result.getWindow().getWidth() + 10, image.getWindow().getY(),
                    560, 420);
        }
        pause(800);
        Rectangle area = IJ.getInstance().getBounds();
        area.add(image.getWindow().getBounds());
        area.add(result.getWindow().getBounds());
        if (info != null) {
            area.add(info.getBounds());
        }
        area.grow(8, 8);
        capture(area.intersection(GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds()),
                out.resolve("result.png"));
        System.out.println("result: result.png (" + title + ")");
    }

    private static GenericDialog waitForDialog(String title, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (openDialog(title) instanceof GenericDialog gd) {
                return gd;
            }
            pause(100);
        }
        return null;
    }

    private static Dialog openDialog(String title) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Dialog d && d.isShowing() && d.getTitle().equals(title)) {
                return d;
            }
        }
        return null;
    }

    /** Captures {@code bounds} once the window there is painted (a blank capture is retried). */
    private void capture(Rectangle bounds, Path file) throws IOException {
        BufferedImage shot = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            pause(300);
            shot = robot.createScreenCapture(bounds);
            if (!uniform(shot)) {
                break;
            }
        }
        ImageIO.write(shot, "png", file.toFile());
    }

    private static boolean uniform(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private int report() {
        for (String p : problems) {
            System.out.println("PROBLEM: " + p);
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace("diffusion ", "").replaceAll("[^a-z0-9]+", "-");
    }

    private static void join(Thread t) {
        try {
            t.join(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
