package org.diffusionj.cli;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionj.api.DenoiseOptions;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.InpaintOptions;
import org.diffusionj.api.SuperResolutionOptions;
import org.diffusionj.engine.task.HarmonicFill;
import org.diffusionj.eval.Defects;
import org.diffusionj.eval.Degradations;
import org.diffusionj.eval.DenoisingEval;
import org.diffusionj.eval.FloatImage;
import org.diffusionj.eval.HoleMeasures;
import org.diffusionj.eval.Measures;
import org.diffusionj.eval.MedianFilter;
import org.diffusionj.eval.SyntheticBacteria;
import org.diffusionj.eval.SyntheticDic;
import org.diffusionj.eval.SyntheticEm;
import org.diffusionj.eval.SyntheticFilaments;
import org.diffusionj.eval.SyntheticMuscle;
import org.diffusionj.eval.Upsampling;
import org.diffusionj.imagej.PriorTraining;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.ModelManifest;

/**
 * {@code ./diffusion finetune-eval [--modality filaments|dic|em|muscle|bacteria] [--minutes 12] [--steps N] [--lr 1e-4] [--crop 64]
 * [--out out/finetune-MODALITY] [--held-out 6] [--whole]}: the fine-tuning benchmark. Makes 24 training and some held-out
 * 128 x 128 16-bit images of a modality the default model never saw (synthetic cytoskeletal filaments in fluorescence,
 * cells in differential interference contrast, a stained tissue section in transmission electron microscopy, or
 * striated muscle's Z-discs in fluorescence, or a bacterial colony in phase contrast),
 * fine-tunes the default model on the 24 (the trainer holds about 10 % of them out for its loss) with {@code ./diffusion
 * train}'s engine under a new class named after the modality, then restores the held-out images with the embedded
 * model (under the class closest to the modality: fluorescence, brightfield) and with the new package, with
 * default settings: x4 super-resolution (one draw, 50 steps) against bicubic, and thin-defect inpainting (one
 * draw, 50 steps, start 1) against the harmonic fill, on the central 64 x 64 crop of each image (with {@code
 * --whole}: on the whole image, normalised as in training), and denoising of the noise-free images seen at the
 * eval's three light levels ({@link DenoisingEval}: peak 10, 50 and 300 photons, the camera's gain and read noise
 * estimated from the image, the mean of 4 draws with the SURE blend) against the Gaussian blur of the best sigma
 * chosen with the truth. Prints a Markdown table of mean PSNR (also {@code summary.md}) and writes {@code sheet.png}, the
 * first held-out image restored by both models.
 */
public final class FineTuneEval {
    private static final int SIZE = 128;
    private static final int TRAINING = 24;
    private static final Defects[] DEFECTS = {Defects.DEAD_LINES, Defects.SCAN_LINES, Defects.SCRATCHES, Defects.SPOTS};
    private static final String[] CLASSICAL = {"Gaussian blur (oracle sigma)", "non-local means", "median 3 x 3"};

    /**
     * A synthetic modality: its name (the new class), the embedded model's closest class, its images (with camera
     * noise, what the microscope records) and the same images without that noise (their expected values).
     */
    private record Modality(String name, String closestClass, Generator images, Generator noiseFree) {
    }

    private interface Generator {
        FloatImage generate(int width, int height, long seed);
    }

    private static final List<Modality> MODALITIES = List.of(
            new Modality("filaments", "fluorescence", SyntheticFilaments::generate, SyntheticFilaments::noiseFree),
            new Modality("dic", "brightfield", SyntheticDic::generate, SyntheticDic::noiseFree),
            new Modality("em", "brightfield", SyntheticEm::generate, SyntheticEm::noiseFree),
            new Modality("muscle", "fluorescence", SyntheticMuscle::generate, SyntheticMuscle::noiseFree),
            new Modality("bacteria", "brightfield", SyntheticBacteria::generate, SyntheticBacteria::noiseFree));

    private FineTuneEval() {
    }

    private static Modality modality(String name) {
        for (Modality m : MODALITIES) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--modality must be one of "
                + String.join(", ", MODALITIES.stream().map(Modality::name).toList()) + ", got " + name);
    }

    public static int run(String[] args) throws IOException {
        Modality modality = modality(Bench.option(args, "--modality", "filaments"));
        // one folder per modality: the trainer reads every image in it, and a package is reused for its class
        Path out = Paths.get(Bench.option(args, "--out", "out/finetune-" + modality.name()));
        double minutes = Double.parseDouble(Bench.option(args, "--minutes", "12"));
        int steps = Integer.parseInt(Bench.option(args, "--steps", "0"));
        int heldOut = Integer.parseInt(Bench.option(args, "--held-out", "6"));
        if (heldOut < 1) {
            throw new IllegalArgumentException("--held-out must be at least 1, got " + heldOut);
        }
        double lr = Double.parseDouble(Bench.option(args, "--lr", "1e-4"));
        int trainingCrop = Integer.parseInt(Bench.option(args, "--crop", "64"));
        boolean whole = java.util.Arrays.asList(args).contains("--whole");
        Path images = out.resolve("images");
        Path model = out.resolve("model");
        boolean trained = Files.exists(model.resolve("model.json"));
        // checked before any image is written: another modality's images would join its training folder
        if (trained && !ModelManifest.read(model.resolve("model.json")).classes().contains(modality.name())) {
            throw new IllegalArgumentException(model + " holds a package without the class " + modality.name()
                    + ": give another --out");
        }
        Files.createDirectories(images);
        for (int i = 0; i < TRAINING; i++) {
            save(modality.images().generate(SIZE, SIZE, 1000 + i), images.resolve(String.format(Locale.ROOT,
                    "%s-%02d.tif", modality.name(), i)));
        }
        if (!trained) {
            PriorTraining.Options o = new PriorTraining.Options(images, model, modality.name(), "default", steps,
                    steps > 0 ? 0 : minutes, 8, trainingCrop, lr, 0, "auto", null, Files.exists(model));
            PriorTraining.run(o, null, "./diffusion finetune-eval " + String.join(" ", args), new PriorTraining.Listener() {
                private long last;

                @Override
                public void progress(int step, int total, double loss, double held, double rate, double left) {
                    if (System.nanoTime() - last > 30e9) {
                        last = System.nanoTime();
                        System.err.printf(Locale.ROOT, "step %d/%d loss %.4f %.2f steps/s %s left%n", step, total, loss,
                                rate, PriorTraining.clock(left));
                    }
                }

                @Override
                public void log(String line) {
                    System.err.println(line);
                }
            });
        } else {
            System.err.println("using the package already in " + model + " (delete it to train again)");
        }
        List<FloatImage> tests = new ArrayList<>();
        for (int i = 0; i < heldOut; i++) {
            tests.add(modality.images().generate(SIZE, SIZE, 9000 + i)); // seeds never used for training
        }
        double[][] sr = new double[3][heldOut]; // bicubic, embedded, fine-tuned
        double[][] defects = new double[3][heldOut * DEFECTS.length]; // harmonic, embedded, fine-tuned
        // the same results scored against the noise-free images: a restoration that draws the camera's noise
        // loses to a smooth one against the noisy truth, and not against this one
        double[][] srNoiseFree = new double[3][heldOut];
        double[][] defectsNoiseFree = new double[3][heldOut * DEFECTS.length];
        double[][][] denoised = new double[DenoisingEval.PEAKS.length][2][heldOut]; // embedded, fine-tuned
        // the classical baselines (oracle blur, non-local means, 3 x 3 median) and one draw's detail ratio per model
        double[][][] classical = new double[DenoisingEval.PEAKS.length][CLASSICAL.length][heldOut];
        double[][][] detail = new double[DenoisingEval.PEAKS.length][2][heldOut];
        // the first held-out image's x4 results and dead-line fills of both models, for the picture (sheet.png)
        FloatImage[] upShown = new FloatImage[2];
        FloatImage[] filledShown = new FloatImage[2];
        String[] names = {"default", model.toString()};
        String[] classes = {modality.closestClass(), modality.name()};
        for (int m = 0; m < 2; m++) {
            try (DiffusionEngine engine = DiffusionEngine.open(names[m], DeviceChoice.AUTO)) {
                for (int i = 0; i < heldOut; i++) {
                    FloatImage truth = tests.get(i);
                    FloatImage noiseFree = modality.noiseFree().generate(SIZE, SIZE, 9000 + i);
                    FloatImage low = Degradations.averagePool(truth, 4);
                    SuperResolutionOptions so = new SuperResolutionOptions();
                    so.className = classes[m];
                    so.seed = 1 + i;
                    FloatImage up = FloatImage.of(engine.superResolve(low.toImg(), 4, so, null).image());
                    FloatImage bicubic = Upsampling.bicubic(low, 4);
                    if (i == 0) {
                        upShown[m] = up;
                    }
                    sr[m + 1][i] = Measures.psnr(truth, up);
                    sr[0][i] = Measures.psnr(truth, bicubic);
                    srNoiseFree[m + 1][i] = Measures.psnr(noiseFree, up);
                    srNoiseFree[0][i] = Measures.psnr(noiseFree, bicubic);
                    int side = whole ? SIZE : 64;
                    FloatImage crop = whole ? truth : truth.crop(32, 32, 64, 64);
                    FloatImage cropNoiseFree = whole ? noiseFree : noiseFree.crop(32, 32, 64, 64);
                    for (int d = 0; d < DEFECTS.length; d++) {
                        boolean[] mask = DEFECTS[d].mask(side, side, 77 + i);
                        InpaintOptions io = new InpaintOptions();
                        io.className = classes[m];
                        io.seed = 1 + i;
                        FloatImage filled = FloatImage.of(engine.inpaint(crop.toImg(),
                                Defects.asImage(mask, side, side).toImg(), io, null).image());
                        int k = i * DEFECTS.length + d;
                        if (k == 0) {
                            filledShown[m] = filled;
                        }
                        defects[m + 1][k] = Measures.psnr(crop, filled, mask);
                        FloatImage fill = FloatImage.of(HarmonicFill.fill(crop.toTensor(), mask).image());
                        defects[0][k] = Measures.psnr(crop, fill, mask);
                        defectsNoiseFree[m + 1][k] = Measures.psnr(cropNoiseFree, filled, mask);
                        defectsNoiseFree[0][k] = Measures.psnr(cropNoiseFree, fill, mask);
                    }
                    for (int p = 0; p < DenoisingEval.PEAKS.length; p++) {
                        FloatImage clean = DenoisingEval.clean(noiseFree, DenoisingEval.PEAKS[p]);
                        FloatImage noisy = DenoisingEval.photonLimited(clean, 9000 + i + 1000L * p);
                        DenoiseOptions dn = new DenoiseOptions();
                        dn.className = classes[m];
                        dn.seed = 1 + i;
                        dn.offset = DenoisingEval.OFFSET; // on the camera's data sheet; gain and read noise estimated
                        denoised[p][m][i] = Measures.psnr(clean, FloatImage.of(engine.denoise(noisy.toImg(), null,
                                dn, null).image()));
                        dn.samples = 1;
                        detail[p][m][i] = HoleMeasures.detailRatio(clean, FloatImage.of(engine.denoise(noisy.toImg(),
                                null, dn, null).image()), DenoisingEval.everywhere(clean));
                        if (m == 0) {
                            classical[p][0][i] = Measures.psnr(clean, DenoisingEval.bestBlur(clean, noisy));
                            classical[p][1][i] = Measures.psnr(clean, DenoisingEval.nonLocalMeans(noisy,
                                    DenoisingEval.camera()));
                            classical[p][2][i] = Measures.psnr(clean, MedianFilter.median3x3(noisy));
                        }
                    }
                    System.err.printf(Locale.ROOT, "%s, held-out image %d: x4 %.2f dB, defects %.2f dB%n", names[m], i,
                            sr[m + 1][i], mean(java.util.Arrays.copyOfRange(defects[m + 1], i * DEFECTS.length,
                                    (i + 1) * DEFECTS.length)));
                }
            }
        }
        sheet(out.resolve("sheet.png"), tests.get(0), modality, whole, upShown, filledShown);
        String where = whole ? "whole " + SIZE + " px images" : "central 64 px crops";
        String table = String.format(Locale.ROOT, "| task (held-out %s images, %d) | bicubic / harmonic fill / oracle blur | "
                + "embedded model (class %s) | fine-tuned (class %s) | gain |%n|---|---|---|---|---|%n",
                modality.name(), heldOut, modality.closestClass(), modality.name())
                + row("x4 super-resolution, one draw, 50 steps: PSNR", sr)
                + row("thin defects (4 kinds, " + where + "), one draw, 50 steps, start 1: PSNR inside", defects)
                + row("x4 super-resolution: PSNR against the noise-free images", srNoiseFree)
                + row("thin defects: PSNR inside against the noise-free images", defectsNoiseFree)
                + denoisingRows(denoised, classical, detail)
                + noiseLine(ModelManifest.read(model.resolve("model.json")))
                + String.format(Locale.ROOT, "%nMachine: %s%n", Bench.machine());
        Files.writeString(out.resolve("summary.md"), table);
        System.out.println(table);
        return 0;
    }

    /**
     * One row per light level against the best classical baseline there (the one of highest mean PSNR: oracle blur,
     * non-local means or the median), then every baseline's mean, the fine-tuned model's margin over the best, and
     * one draw's detail ratio (geometric mean over the images; Denoising's target: 0.5-2).
     */
    private static String denoisingRows(double[][][] denoised, double[][][] classical, double[][][] detail) {
        StringBuilder rows = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        StringBuilder margins = new StringBuilder();
        for (int p = 0; p < denoised.length; p++) {
            int best = 0;
            for (int c = 1; c < CLASSICAL.length; c++) {
                best = mean(classical[p][c]) > mean(classical[p][best]) ? c : best;
            }
            rows.append(row(String.format(Locale.ROOT, "denoising at %.0f photons, mean of 4 (baseline: the best "
                    + "classical, %s): PSNR against the noise-free images", DenoisingEval.PEAKS[p], CLASSICAL[best]),
                    new double[][] {classical[p][best], denoised[p][0], denoised[p][1]}));
            margins.append(String.format(Locale.ROOT, "%s%+.2f", p == 0 ? "" : " / ",
                    mean(denoised[p][1]) - mean(classical[p][best])));
            notes.append(String.format(Locale.ROOT, "- %.0f photons: %s %.2f, %s %.2f, %s %.2f dB; one draw's detail "
                    + "ratio embedded %.2f, fine-tuned %.2f%n", DenoisingEval.PEAKS[p], CLASSICAL[0],
                    mean(classical[p][0]), CLASSICAL[1], mean(classical[p][1]), CLASSICAL[2], mean(classical[p][2]),
                    geometricMean(detail[p][0]), geometricMean(detail[p][1])));
        }
        return rows + "\nDenoising, the fine-tuned model above the best classical baseline at " + java.util.Arrays
                .toString(DenoisingEval.PEAKS).replace(".0", "") + " photons: " + margins + " dB. The baselines' "
                + "mean PSNR:\n" + notes;
    }

    private static double geometricMean(double[] values) {
        double logs = 0;
        for (double v : values) {
            logs += Math.log(v);
        }
        return Math.exp(logs / values.length);
    }

    /** Where the fine-tuned package's sampling ends (the embedded model declares no training noise). */
    private static String noiseLine(ModelManifest tuned) {
        return String.format(Locale.ROOT, "%nThe fine-tuned package's training images: noise %.4f in model units; its"
                + " sampling ends at timestep %d (the embedded model's at 0).%n", tuned.trainingNoise(),
                tuned.lowestTimestep());
    }

    /**
     * The first held-out image restored by both models: x4 super-resolution (its input, bicubic, embedded,
     * fine-tuned) and the dead lines (the crop with its defects, the harmonic fill, embedded, fine-tuned).
     */
    private static void sheet(Path file, FloatImage truth, Modality modality, boolean whole, FloatImage[] up,
            FloatImage[] filled) {
        org.diffusionj.eval.ContactSheet sheet = new org.diffusionj.eval.ContactSheet(256, "ground truth", "input",
                "classical", "embedded (" + modality.closestClass() + ")", "fine-tuned (" + modality.name() + ")");
        FloatImage low = Degradations.averagePool(truth, 4);
        sheet.addRow(new String[] {"x4 super-resolution", "one draw, 50 steps", "classical: bicubic"}, truth, low,
                Upsampling.bicubic(low, 4), up[0], up[1]);
        int side = whole ? SIZE : 64;
        FloatImage crop = whole ? truth : truth.crop(32, 32, 64, 64);
        boolean[] mask = DEFECTS[0].mask(side, side, 77);
        sheet.addRow(new String[] {"dead lines", "one draw, 50 steps, start 1", "classical: harmonic fill"}, mask,
                crop, crop, FloatImage.of(HarmonicFill.fill(crop.toTensor(), mask).image()), filled[0], filled[1]);
        sheet.writePng(file);
    }

    /** A table row: the baseline's, the embedded model's and the fine-tuned model's mean, and the gain. */
    private static String row(String task, double[][] scores) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %+.2f dB |%n", task, mean(scores[0]),
                mean(scores[1]), mean(scores[2]), mean(scores[2]) - mean(scores[1]));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static void save(FloatImage img, Path file) {
        FloatProcessor fp = new FloatProcessor(img.width(), img.height(), img.data().clone());
        ShortProcessor sp = (ShortProcessor) fp.convertToShortProcessor(false);
        new FileSaver(new ImagePlus(file.getFileName().toString(), sp)).saveAsTiff(file.toString());
    }
}
