package org.diffusionj.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import java.awt.Button;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Label;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.engine.Tensor;
import org.diffusionj.runtime.Models;

/**
 * Diffusion Train Prior: fine-tunes a model package on the user's unlabelled images (a folder, or the open
 * image or stack) and installs the new package, so that it appears in every command's Model list. With a
 * display a window plots the training and held-out loss, with Cancel (nothing written) and Finish now (the
 * package of the steps done so far); Esc cancels too. In macros and headless, progress goes to the Log.
 */
public final class TrainPriorCommand {
    /** The macro name. */
    public static final String NAME = "Diffusion Train Prior";

    private TrainPriorCommand() {
    }

    public static void run() throws IOException {
        List<CommandOption> parameters = Keys.trainPrior();
        String options = Macro.getOptions();
        boolean batch = options != null || GraphicsEnvironment.isHeadless() || UserMessages.batchRun();
        Settings s = batch ? SettingsReader.read(NAME, parameters, options, IJ::log)
                : SettingsDialog.show(NAME, parameters, p -> true, p -> ADVANCED.contains(p.key()), defaults(parameters),
                        "Trains on unlabelled images of one kind; the class may be a new name");
        if (s == null) {
            return;
        }
        Progress progress = new Progress(batch);
        try {
            ImagePlus open = s.text(Keys.IMAGES).isBlank() ? WindowManager.getCurrentImage() : null;
            PriorTraining.Report r = train(s, open, progress);
            IJ.log(String.format(Locale.ROOT, "%s: %d steps in %.1f min; the model is in %s", NAME, r.steps(),
                    r.minutes(), r.output()));
            IJ.log(listing(r.output()));
            IJ.showStatus(NAME + ": done");
        } finally {
            progress.close();
        }
    }

    /** Where a package written to {@code output} appears in the Model choice (it was {@link Models#remember}ed). */
    public static String listing(java.nio.file.Path output) {
        java.nio.file.Path folder = output.toAbsolutePath().normalize();
        return folder.getParent().equals(Models.userFolder().toAbsolutePath().normalize())
                ? "It is listed as '" + folder.getFileName() + "' in every command's Model choice."
                : "It is listed by its path in every command's Model choice (model=[" + folder + "]).";
    }

    /**
     * Trains with {@code s} (the keys of {@link Keys#trainPrior}) on the folder it names, or else on
     * {@code open}; progress to {@code listener}. Shared by the command and the scripting service.
     */
    public static PriorTraining.Report train(Settings s, ImagePlus open, PriorTraining.Listener listener)
            throws IOException {
        String className = s.text(Keys.CLASS).trim();
        if (className.isEmpty()) {
            throw new IllegalArgumentException("class: name what the images show (e.g. class=membranes)");
        }
        String model = s.text(Keys.MODEL);
        Path output = s.text(Keys.OUTPUT).isBlank()
                ? Models.userFolder().resolve(safe((model.equalsIgnoreCase("default") ? Models.DEFAULT : model)
                        + "-" + className))
                : Paths.get(s.text(Keys.OUTPUT));
        List<Tensor> planes = null;
        Path images = null;
        if (s.text(Keys.IMAGES).isBlank()) {
            if (open == null) {
                throw new IllegalArgumentException("images: give a folder, or open the image or stack to train on");
            }
            planes = TrainingImageFiles.planes(open);
        } else {
            images = Paths.get(s.text(Keys.IMAGES));
        }
        int steps = (int) s.whole(Keys.STEPS);
        // steps replace the minutes (as --steps does for ./diffusion train): a run of a set length, reproducible from
        // its seed, is not cut short by the dialog's default time
        PriorTraining.Options o = new PriorTraining.Options(images, output, className, model,
                steps, steps > 0 ? 0 : s.number(Keys.MINUTES), s.whole(Keys.BATCH, 1, 1024),
                s.whole(Keys.CROP, 0, 4096), s.number(Keys.LR), s.whole(Keys.SEED), s.choice(Keys.DEVICE), null,
                s.flag(Keys.FORCE));
        PriorTraining.Report report = PriorTraining.run(o, planes, "run(\"" + NAME + "\", \"" + s.toMacroOptions()
                + "\")", listener);
        try {
            Models.remember(report.output()); // in the Model choice wherever it was written
        } catch (IOException e) {
            listener.log("the package is written, but could not be added to the Model choice (" + e.getMessage()
                    + "); use model=[" + report.output() + "]");
        }
        return report;
    }

    /** A listener that only logs (scripts). */
    public static PriorTraining.Listener logTo(java.util.function.Consumer<String> log) {
        return new PriorTraining.Listener() {
            @Override
            public void progress(int step, int total, double loss, double heldOut, double rate, double left) {
                if (!Double.isNaN(heldOut)) {
                    log.accept(String.format(Locale.ROOT, "%s: step %d/%d, held-out loss %.3f of its start", NAME, step, total,
                            heldOut));
                }
            }

            @Override
            public void log(String line) {
                log.accept(NAME + ": " + line);
            }
        };
    }

    /** Behind the dialog's Advanced... button. */
    private static final java.util.Set<String> ADVANCED = java.util.Set.of(Keys.STEPS, Keys.BATCH, Keys.CROP, Keys.LR,
            Keys.SEED, Keys.DEVICE);

    private static Map<String, String> defaults(List<CommandOption> parameters) {
        Map<String, String> out = new java.util.HashMap<>();
        parameters.forEach(p -> out.put(p.key(), p.defaultValue()));
        return out;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    /** Log lines in batch; with a display, a live plot of the losses and a small window with two buttons. */
    private static final class Progress implements PriorTraining.Listener {
        private final boolean batch;
        private final List<Double> steps = new ArrayList<>();
        private final List<Double> losses = new ArrayList<>();
        private final List<Double> heldSteps = new ArrayList<>();
        private final List<Double> held = new ArrayList<>();
        private volatile boolean cancel;
        private volatile boolean finish;
        private Frame buttons;
        private PlotWindow window;
        private long lastDraw;
        private long lastLog;
        private double smoothed = Double.NaN;

        Progress(boolean batch) {
            this.batch = batch;
            if (!batch) {
                buttons = new Frame(NAME);
                buttons.setLayout(new FlowLayout());
                buttons.add(new Label("Training..."));
                Button finishNow = new Button("Finish now");
                finishNow.addActionListener(e -> finish = true);
                Button cancelButton = new Button("Cancel");
                cancelButton.addActionListener(e -> cancel = true);
                buttons.add(finishNow);
                buttons.add(cancelButton);
                buttons.pack();
                buttons.setVisible(true);
            }
        }

        @Override
        public void progress(int step, int total, double loss, double heldOut, double rate, double left) {
            if (Double.isFinite(loss)) {
                smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
                steps.add((double) step);
                losses.add(smoothed);
            }
            if (!Double.isNaN(heldOut)) {
                heldSteps.add((double) step);
                held.add(heldOut);
            }
            IJ.showProgress(step, total);
            String line = String.format(Locale.ROOT, "%s: step %d/%d, loss %.4f, %.1f steps/s, %s left", NAME, step,
                    total, smoothed, rate, PriorTraining.clock(left));
            IJ.showStatus(line);
            long now = System.nanoTime();
            if (batch && (now - lastLog > 30e9 || !Double.isNaN(heldOut))) {
                lastLog = now;
                IJ.log(line + (Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, ", held-out loss %.3f of its start",
                        heldOut)));
            }
            if (!batch && (now - lastDraw > 3e9 || step == total || !Double.isNaN(heldOut))) {
                lastDraw = now;
                draw();
            }
        }

        private void draw() {
            Plot plot = new Plot(NAME + " loss", "step", "loss");
            plot.setColor(java.awt.Color.BLUE);
            plot.addPoints(toArray(steps), toArray(losses), Plot.LINE);
            if (!held.isEmpty()) {
                plot.setColor(java.awt.Color.RED);
                plot.addPoints(toArray(heldSteps), toArray(held), Plot.CONNECTED_CIRCLES);
            }
            plot.setColor(java.awt.Color.BLACK);
            plot.addLegend("training loss (smoothed)\theld-out loss / its start");
            plot.setLogScaleY();
            plot.setLimitsToFit(false);
            if (window == null || !window.isVisible()) {
                window = plot.show();
            } else {
                window.drawPlot(plot);
            }
        }

        @Override
        public boolean cancelled() {
            if (IJ.escapePressed()) {
                cancel = true;
            }
            return cancel;
        }

        @Override
        public boolean finishNow() {
            return finish;
        }

        @Override
        public void log(String line) {
            IJ.log(NAME + ": " + line);
        }

        void close() {
            IJ.showProgress(1.0);
            if (buttons != null) {
                buttons.dispose();
            }
        }

        private static double[] toArray(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
