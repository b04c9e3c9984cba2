package org.diffusionj.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.eval.EvalReport;
import org.diffusionj.eval.EvalSettings;
import org.diffusionj.eval.Evaluation;
import org.diffusionj.eval.MarkdownSummary;
import org.diffusionj.eval.TestImageSet;
import org.diffusionj.runtime.DeviceChoice;

/**
 * {@code ./diffusion eval [--model M] [--images DIR] [--out DIR] [--size N] [--steps N] [--crops N] [--seed N]
 * [--device D] [--quick]}: degrades held-out crops of the test images, restores them with the model and with
 * classical baselines, and writes {@code results.csv}, {@code contact-sheet.png} and {@code summary.md} into
 * the output folder (default {@code out/eval}); the summary also goes to standard output.
 */
public final class Eval {

    private static final List<String> FLAGS = List.of("--model", "--images", "--out", "--size", "--steps", "--crops",
            "--seed", "--samples", "--device", "--quick", "--defect-start", "--task");

    private Eval() {
    }

    public static int run(String[] args) {
        for (String a : args) {
            if (a.startsWith("--") && !FLAGS.contains(a)) {
                System.err.println("Unknown option " + a + "; options: " + String.join(" ", FLAGS));
                return 2;
            }
        }
        EvalSettings d = EvalSettings.defaults();
        EvalSettings settings = new EvalSettings(intOption(args, "--size", d.size()), intOption(args, "--steps",
                d.steps()), intOption(args, "--crops", d.crops()), intOption(args, "--seed", (int) d.seed()),
                intOption(args, "--samples", d.samples()), d.noise(),
                d.synthetic(), Double.parseDouble(Bench.option(args, "--defect-start", Double.toString(d.defectStart()))));
        if (List.of(args).contains("--quick")) {
            settings = settings.quick();
        }
        Path images = Paths.get(Bench.option(args, "--images", "test-images"));
        Path out = Paths.get(Bench.option(args, "--out", Paths.get("out", "eval").toString()));
        DeviceChoice device = DeviceChoice.parse(Bench.option(args, "--device", "auto"));
        List<TestImageSet.Named> named = Evaluation.images(images, settings);
        try (DiffusionEngine engine = DiffusionEngine.open(Bench.option(args, "--model", null), device)) {
            Evaluation evaluation = new Evaluation(engine, settings, System.err).only(Bench.option(args, "--task", null));
            EvalReport report = evaluation.run(named);
            report.writeCsv(out.resolve("results.csv"));
            evaluation.sheet().writePng(out.resolve("contact-sheet.png"));
            String summary = MarkdownSummary.of(String.format(Locale.ROOT,
                    "Quality of %s %s: %d-pixel crops, %d steps, seed %d, %d draws averaged for PSNR, %s",
                    engine.model().name(), engine.model().version(), settings.size(), settings.steps(),
                    settings.seed(), settings.samples(),
                    engine.device().isGpu() ? engine.device() : "CPU (" + Bench.machine() + ")"),
                    report);
            EvalReport.write(out.resolve("summary.md"), summary);
            System.out.println(summary);
            System.err.println("Wrote " + out.resolve("results.csv") + ", " + out.resolve("contact-sheet.png") + ", "
                    + out.resolve("summary.md"));
        }
        return 0;
    }

    private static int intOption(String[] args, String name, int fallback) {
        String v = Bench.option(args, name, null);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + v + "'");
        }
    }
}
