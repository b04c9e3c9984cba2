package org.diffusionj.imagej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.training.TimedPlan;
import org.diffusionj.engine.training.TrainingImages;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.Machine;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.Models;
import org.diffusionj.runtime.OneDnnIsa;
import org.diffusionj.runtime.PriorTrainer;
import org.diffusionj.runtime.TorchRuntime;

/**
 * One training run of a prior on the user's images, as {@code ./diffusion train}, the Train Prior command and
 * the scripting service start it: reads the images, continues the model package's training for a number of
 * steps or minutes, reports progress, checkpoints for {@code resume}, and writes the new package (never over
 * an existing folder unless asked, never half-written).
 */
public final class PriorTraining {
    /** Held-out crops for the per-noise-level loss. */
    static final int HELD_OUT_CROPS = 32;
    /** Seconds between checkpoints. */
    static final int CHECKPOINT_SECONDS = 120;
    /** A timed run's length before its first plan (after 10 steps): far beyond any run, never shown as a total. */
    private static final int UNPLANNED = Integer.MAX_VALUE / 2;

    /**
     * What to train.
     *
     * @param images    a folder of images, or null when {@code planes} come from open images
     * @param output    the new package's folder
     * @param className the class the images show (a new name adds a class)
     * @param init      the package to start from ({@code default}: the embedded model)
     * @param steps     optimiser steps, or 0 to plan them from {@code minutes}
     * @param minutes   wall-clock budget (0 = none; one of steps and minutes must be set)
     * @param batch     crops per step
     * @param crop      crop size in pixels (0 = the package's training size)
     * @param lr        peak learning rate of the weights (a new class row gets ten times it)
     * @param seed      random seed
     * @param device    auto, cpu or gpu
     * @param resume    a checkpoint folder to continue from, or null
     * @param force     replace an existing output folder
     */
    public record Options(Path images, Path output, String className, String init, int steps, double minutes, int batch,
            int crop, double lr, long seed, String device, Path resume, boolean force) {
        public Options {
            if (output == null) {
                throw new IllegalArgumentException("an output folder for the new model is needed");
            }
            if (className == null || className.isBlank()) {
                throw new IllegalArgumentException("a class name is needed (the kind of images, e.g. 'membranes')");
            }
            if (steps <= 0 && !(minutes > 0)) {
                throw new IllegalArgumentException("give the number of steps or the minutes to train");
            }
            if (batch < 1 || crop < 0 || !(lr > 0)) {
                throw new IllegalArgumentException("batch must be at least 1, crop at least 0 and lr positive");
            }
        }
    }

    /** What a caller sees while training runs. */
    public interface Listener {
        /** A progress report: {@code heldOut} (the held-out loss relative to its start) is NaN between evaluations. */
        void progress(int step, int total, double loss, double heldOut, double stepsPerSecond, double secondsLeft);

        /** Cancel: stop and write nothing. */
        default boolean cancelled() {
            return false;
        }

        /** Finish now: stop and write the package of the steps done so far. */
        default boolean finishNow() {
            return false;
        }

        /** A line for the log. */
        void log(String line);
    }

    /** The outcome. */
    public record Report(Path output, int steps, int skippedSteps, double minutes, List<PriorTrainer.HeldOutLoss> before,
            List<PriorTrainer.HeldOutLoss> after, List<String> skippedFiles) {
    }

    private PriorTraining() {
    }

    /** The checkpoint folder of an output folder: a sibling {@code NAME.checkpoint}. */
    public static Path checkpointOf(Path output) {
        return output.toAbsolutePath().resolveSibling(output.getFileName() + ".checkpoint");
    }

    /** How many batches the gradient is checked on: a wrong backend erred by 0.7-30 %, not on every batch. */
    static final int CHECK_BATCHES = 2;

    /**
     * The trainer's {@link PriorTrainer#checkGradient gradient check} on {@link #CHECK_BATCHES} batches; returns the
     * one furthest from agreement.
     *
     * @throws IllegalStateException when the gradients disagree with the forward pass (training would only damage
     *                               the model), unless the {@link #gradientCheckPolicy} is {@code warn}
     */
    static GradientCheck checkedGradient(PriorTrainer trainer, DeviceSelection device, Listener listener) {
        GradientCheck check = null;
        for (int batch = 1; batch <= CHECK_BATCHES && (check == null || check.passed()); batch++) {
            GradientCheck next = trainer.checkGradient(batch);
            if (check == null || !next.passed() || Math.abs(next.ratio() - 1) > Math.abs(check.ratio() - 1)) {
                check = next;
            }
        }
        if (!check.passed()) {
            String cause = device.isGpu()
                    ? "on the GPU, where no wrong gradient has been seen (TF32 rounding?)"
                    : "oneDNN's instruction-set limit ONEDNN_MAX_CPU_ISA=" + OneDnnIsa.current() + ", " + Machine.describe();
            String fix = device.isGpu() ? "Train on the CPU (device=cpu)"
                    : "Start again with the environment variable ONEDNN_MAX_CPU_ISA=SSE41 (or AVX), or on another device";
            String message = "the gradients computed on this machine are wrong (" + check + "; " + cause
                    + "): training would damage the model. " + fix + ", and please report the machine.";
            if (!"warn".equalsIgnoreCase(gradientCheckPolicy())) {
                throw new IllegalStateException(message + " (DIFFUSIONJ_GRADIENT_CHECK=warn trains anyway)");
            }
            listener.log("WARNING: " + message + " Training anyway (DIFFUSIONJ_GRADIENT_CHECK=warn).");
        }
        return check;
    }

    /**
     * What a failed gradient check does: refuse (the default), or with {@code warn} (environment variable
     * {@code DIFFUSIONJ_GRADIENT_CHECK} or system property {@code diffusionj.gradientCheck}) say so and train anyway,
     * for a device where the check itself is suspect.
     */
    static String gradientCheckPolicy() {
        String env = System.getenv("DIFFUSIONJ_GRADIENT_CHECK");
        return env != null && !env.isBlank() ? env.trim() : System.getProperty("diffusionj.gradientCheck", "refuse");
    }

    /**
     * Runs the training; {@code openPlanes} are used when {@code options.images()} is null.
     *
     * @throws org.diffusionj.engine.CancelledException when the listener cancels (nothing written)
     */
    public static Report run(Options o, List<Tensor> openPlanes, String command, Listener listener) throws IOException {
        Path output = o.output().toAbsolutePath();
        if (Files.exists(output) && !o.force()) {
            throw new IllegalArgumentException(output + " exists already; choose another folder or use --force "
                    + "(force in a macro) to replace it");
        }
        if (o.images() != null && o.images().toAbsolutePath().normalize().startsWith(output.normalize())) {
            throw new IllegalArgumentException("the output folder " + output + " must not hold the training images");
        }
        if (Files.exists(output) && !replaceable(output)) {
            throw new IllegalArgumentException(output + " is neither a model package nor empty: force replaces only "
                    + "a model package");
        }
        List<List<Tensor>> planes;
        List<String> skipped = List.of();
        String source;
        int fileCount;
        if (o.images() != null) {
            TrainingImageFiles.Read read = TrainingImageFiles.fromFolder(o.images());
            planes = read.groups();
            skipped = read.skipped();
            source = o.images().toAbsolutePath().toString();
            fileCount = read.files().size();
            for (String s : skipped) {
                listener.log("skipped " + s);
            }
        } else {
            if (openPlanes == null || openPlanes.isEmpty()) {
                throw new IllegalArgumentException("no images: give a folder, or open the images to train on");
            }
            planes = List.of(openPlanes);
            source = "open images in ImageJ";
            fileCount = 0;
        }
        ModelPackage init = Models.find(o.init() == null ? "default" : o.init());
        ModelManifest m = init.manifest();
        int crop = o.crop() > 0 ? o.crop() : m.trainingSize();
        long tooSmall = planes.stream().flatMap(List::stream).filter(p -> p.height() < crop || p.width() < crop)
                .count();
        if (tooSmall > 0) {
            listener.log(tooSmall + " image plane(s) smaller than the " + crop + " px crop are left out");
        }
        TrainingImages data = TrainingImages.ofGroups(planes, m.channels(), crop, m.normalizationLow(),
                m.normalizationHigh(), o.seed());
        listener.log(String.format(Locale.ROOT, "%d image plane(s) for training, %d held out%s; crops %d px, batch %d",
                data.trainingCount(), data.heldOutCount(), data.heldOutIsTraining()
                        ? " (one image only: the held-out loss is measured on it too)" : "", crop, o.batch()));
        listener.log(String.format(Locale.ROOT, "the images' noise: %.4f in model units (sampling with the new package"
                + " ends at timestep %d)", data.noiseSd(), ModelManifest.lowestTimestep(m.schedule(), data.noiseSd())));
        DeviceSelection device = TorchRuntime.select(DeviceChoice.parse(o.device()));
        long started = System.nanoTime();
        // with minutes only, the schedule is planned once the speed is known (after the first steps)
        int planned = o.steps() > 0 ? o.steps() : UNPLANNED;
        PriorTrainer.Settings settings = new PriorTrainer.Settings(o.className(), null, planned, o.batch(), o.lr(),
                10 * o.lr(), o.seed(), 0.15, 1.0);
        Path checkpoint = checkpointOf(output);
        try (PriorTrainer trainer = PriorTrainer.start(init, device, data, settings)) {
            if (trainer.workers() > 1) {
                listener.log(String.format(Locale.ROOT, "each batch is shared by %d copies of the network, each on a "
                        + "thread of its own", trainer.workers()));
            }
            if (!device.isGpu()) {
                listener.log("oneDNN instruction set: " + OneDnnIsa.describe());
                listener.log("native memory: " + org.diffusionj.runtime.NativeHeap.describe());
            }
            if (o.resume() != null) {
                Path state = o.resume().resolve("state.ndlist");
                if (!Files.isRegularFile(state)) {
                    state = checkpointOf(o.resume()).resolve("state.ndlist");
                }
                if (!Files.isRegularFile(state)) {
                    throw new IllegalArgumentException("no training checkpoint in " + o.resume());
                }
                trainer.loadState(state);
                listener.log("resumed at step " + trainer.stepsDone() + " from " + state);
            }
            GradientCheck check = checkedGradient(trainer, device, listener);
            listener.log("gradient check: " + check);
            List<PriorTrainer.HeldOutLoss> before = trainer.heldOutLoss(HELD_OUT_CROPS);
            listener.log("held-out loss before: " + format(before));
            double bestHeldOut = Double.POSITIVE_INFINITY;
            boolean checkpointExisted = Files.exists(checkpoint);
            boolean resumed = o.resume() != null;
            int firstStep = trainer.stepsDone();
            long loopStart = System.nanoTime();
            long lastCheckpoint = loopStart;
            long lastHeldOut = loopStart;
            TimedPlan timed = o.steps() <= 0 && !resumed ? new TimedPlan(o.minutes(), started, loopStart) : null;
            int total = planned;
            if (resumed && o.steps() <= 0) {
                total = trainer.settings().steps(); // the checkpoint's plan: the schedule continues where it was
            } else if (resumed && o.steps() != trainer.settings().steps()) {
                int planBefore = trainer.settings().steps();
                trainer.replan(o.steps()); // a longer (or shorter) run: the schedule is stretched from here
                listener.log("the learning-rate schedule now spans " + o.steps() + " steps (it spanned " + planBefore + ")");
            }
            while (trainer.stepsDone() < total) {
                if (listener.cancelled()) {
                    if (!checkpointExisted) {
                        PriorTrainer.deleteQuietly(checkpoint);
                    }
                    throw new org.diffusionj.engine.CancelledException("training cancelled: nothing written");
                }
                if (listener.finishNow()) {
                    listener.log("finishing at step " + trainer.stepsDone());
                    break;
                }
                double loss = trainer.step();
                long now = System.nanoTime();
                double elapsed = (now - loopStart) / 1e9;
                int done = trainer.stepsDone() - firstStep;
                double rate = done / Math.max(elapsed, 1e-9);
                // a timed run plans its length from its speed, and renews the plan as the speed changes
                int replanned = timed == null ? -1 : timed.update(trainer.stepsDone(), done, now, total);
                if (replanned >= 0) {
                    double change = Math.abs(replanned - total) / (double) Math.max(1, total);
                    if (total == planned || change >= 0.01) { // the first plan, and changes of 1 % or more
                        listener.log("planned " + replanned + " steps for " + o.minutes() + " minutes ("
                                + String.format(Locale.ROOT, "%.2f", rate) + " steps/s so far)");
                    }
                    total = replanned;
                    trainer.replan(total);
                }
                if (o.minutes() > 0 && (now - started) / 1e9 > o.minutes() * 60) {
                    listener.log("time is up at step " + trainer.stepsDone());
                    break;
                }
                double heldOut = Double.NaN;
                if ((now - lastHeldOut) / 1e9 > 60) {
                    heldOut = relative(trainer.heldOutLoss(HELD_OUT_CROPS), before);
                    lastHeldOut = System.nanoTime();
                    if (heldOut < bestHeldOut) {
                        bestHeldOut = heldOut;
                        trainer.keepAsBest();
                    }
                }
                if ((now - lastCheckpoint) / 1e9 > CHECKPOINT_SECONDS) {
                    writeCheckpoint(trainer, checkpoint, o, command);
                    lastCheckpoint = System.nanoTime();
                }
                // a timed run's first steps come before its first plan: show what the clock and the speed so far
                // allow (the unplanned total once read "step 1/536870911, 41574:20:40 left")
                double clockLeft = o.minutes() > 0 ? o.minutes() * 60 - (System.nanoTime() - started) / 1e9
                        : Double.MAX_VALUE;
                int shownTotal = total < UNPLANNED ? total
                        : trainer.stepsDone() + (int) Math.min(Integer.MAX_VALUE / 4, Math.max(0, clockLeft * rate));
                listener.progress(trainer.stepsDone(), shownTotal, loss, heldOut, rate,
                        Math.max(0, Math.min(clockLeft, (shownTotal - trainer.stepsDone()) / Math.max(rate, 1e-9))));
            }
            writeCheckpoint(trainer, checkpoint, o, command); // before choosing the package's weights: resumable
            List<PriorTrainer.HeldOutLoss> after = trainer.heldOutLoss(HELD_OUT_CROPS);
            if (relative(after, before) > bestHeldOut && !data.heldOutIsTraining()) {
                // the held-out loss rose since its best: the package gets the weights of that point
                int kept = trainer.restoreBest();
                listener.log(String.format(Locale.ROOT, "held-out loss %.4f of its start at the end, %.4f at step %d: "
                        + "keeping the weights of step %d", relative(after, before), bestHeldOut, kept, kept));
                after = trainer.heldOutLoss(HELD_OUT_CROPS);
            }
            listener.log("held-out loss after: " + format(after));
            double minutes = (System.nanoTime() - started) / 6e10;
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("source", m.name() + " " + m.version());
            provenance.put("data", source);
            provenance.put("images", fileCount);
            provenance.put("trainingPlanes", data.trainingCount());
            provenance.put("heldOutPlanes", data.heldOutCount());
            provenance.put("skippedFiles", skipped);
            provenance.put("class", o.className());
            provenance.put("steps", trainer.stepsDone());
            provenance.put("skippedSteps", trainer.skippedSteps());
            provenance.put("batch", o.batch());
            provenance.put("workers", trainer.workers()); // copies sharing each batch: their sum order fixes the bits
            provenance.put("crop", crop);
            provenance.put("lr", o.lr());
            provenance.put("classLr", 10 * o.lr());
            provenance.put("cfgDropout", 0.15);
            provenance.put("seed", o.seed());
            provenance.put("minutes", Math.round(minutes * 10) / 10.0);
            provenance.put("device", device.toString());
            provenance.put("machine", Machine.describe());
            if (OneDnnIsa.current() != null) {
                provenance.put("oneDnnIsa", OneDnnIsa.current());
            }
            provenance.put("gradientCheckRatio", Math.round(check.ratio() * 1e4) / 1e4);
            provenance.put("command", command);
            provenance.put("heldOutLossBefore", rows(before));
            provenance.put("heldOutLossAfter", rows(after));
            String name = output.getFileName().toString();
            if (Files.exists(output)) { // force: the new package goes next to it first, then replaces it
                Path fresh = output.resolveSibling("." + name + ".new");
                PriorTrainer.deleteQuietly(fresh);
                trainer.save(fresh, name, "1", provenance);
                Path old = output.resolveSibling("." + name + ".old");
                PriorTrainer.deleteQuietly(old);
                Files.move(output, old);
                Files.move(fresh, output);
                PriorTrainer.deleteQuietly(old);
            } else {
                trainer.save(output, name, "1", provenance);
            }
            listener.log("wrote " + output + " (" + trainer.stepsDone() + " steps, "
                    + String.format(Locale.ROOT, "%.1f", minutes) + " min); checkpoint for --resume: " + checkpoint);
            return new Report(output, trainer.stepsDone(), trainer.skippedSteps(), minutes, before, after, skipped);
        }
    }

    private static void writeCheckpoint(PriorTrainer trainer, Path folder, Options o, String command) throws IOException {
        Files.createDirectories(folder);
        trainer.saveState(folder.resolve("state.ndlist"));
        Files.writeString(folder.resolve("run.txt"), "command: " + command + "\nstep: " + trainer.stepsDone()
                + "\nclass: " + o.className() + "\nseed: " + o.seed() + "\n");
    }

    /**
     * The held-out loss relative to the start: the mean over the noise levels of the network-target MSE divided by
     * its value before training (1 = unchanged). Each level weighs the same; the x0 MSE would be ruled by the
     * noisiest level, whose error is hundreds of times larger.
     */
    static double relative(List<PriorTrainer.HeldOutLoss> rows, List<PriorTrainer.HeldOutLoss> before) {
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            sum += rows.get(i).predictionMse() / Math.max(before.get(i).predictionMse(), 1e-12);
        }
        return sum / rows.size();
    }

    /** Seconds as "m:ss", or "h:mm:ss" from an hour: the time left in progress lines. */
    public static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** A folder force may replace: a model package, or an empty folder. */
    static boolean replaceable(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve("model.json"))) {
            return true;
        }
        try (var s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }

    /** "t=50: 0.0123 / 0.0021, ..." (prediction MSE / x0 MSE per noise level). */
    public static String format(List<PriorTrainer.HeldOutLoss> rows) {
        List<String> parts = new ArrayList<>();
        for (PriorTrainer.HeldOutLoss r : rows) {
            parts.add(String.format(Locale.ROOT, "t=%d %.4f/%.4f", r.t(), r.predictionMse(), r.x0Mse()));
        }
        return String.join(", ", parts) + " (network target MSE / x0 MSE)";
    }

    private static Map<String, Map<String, Double>> rows(List<PriorTrainer.HeldOutLoss> rows) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (PriorTrainer.HeldOutLoss r : rows) {
            out.put(Integer.toString(r.t()), Map.of("predictionMse", r.predictionMse(), "x0Mse", r.x0Mse()));
        }
        return out;
    }
}
