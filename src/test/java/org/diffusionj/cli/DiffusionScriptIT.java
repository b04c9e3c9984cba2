package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diffusionj.runtime.Fixture;
import org.diffusionj.runtime.ModelPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The training sub-commands as users start them: the {@code ./diffusion} script in its own process, after
 * {@code package} (failsafe). The fixture model and a few steps.
 */
class DiffusionScriptIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    private static Run diffusion(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("diffusion").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // packages the script trains are remembered in the test models folder, not in the user's
        pb.environment().put("DIFFUSIONJ_MODELS", ROOT.resolve("target/test-models").toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "./diffusion did not finish");
        System.out.println(text.replaceAll("(?m)^\\[W.*NNPACK.*\\n", ""));
        return new Run(p.exitValue(), text);
    }

    @Test
    void trainWritesAPackageAndRefusesToOverwriteIt() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            ShortProcessor sp = new ShortProcessor(24, 24);
            for (int k = 0; k < 24 * 24; k++) {
                sp.set(k, 100 + (k * 37 + i * 11) % 900);
            }
            new FileSaver(new ImagePlus("i" + i, sp)).saveAsTiff(images.resolve("i" + i + ".tif").toString());
        }
        Path out = dir.resolve("model");
        String[] train = {"train", "--images", images.toString(), "--out", out.toString(), "--class", "gamma",
            "--init", Fixture.folder().toString(), "--steps", "3", "--batch", "2", "--crop", "16", "--device", "cpu"};
        Run first = diffusion(train);
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains("held-out loss after"), first.output());
        assertTrue(first.output().contains("listed by its path in every command's Model choice"), first.output());
        assertFalse(first.output().contains("WARN") || first.output().contains("\tat "), first.output());
        assertEquals(List.of("none", "alpha", "beta", "gamma"), ModelPackage.open(out).manifest().classes());
        Run again = diffusion(train);
        assertEquals(1, again.status());
        assertTrue(again.output().contains("exists already"), again.output());
        // a timed run as users start it: its first progress line (before the first plan) shows a total and a
        // time left that fit its six seconds (it once read "step 1/536870911 ... 41574:20:40 left")
        Run timed = diffusion("train", "--images", images.toString(), "--out", dir.resolve("timed").toString(),
                "--class", "gamma", "--init", Fixture.folder().toString(), "--minutes", "0.1", "--batch", "2",
                "--crop", "16", "--device", "cpu");
        assertEquals(0, timed.status(), timed.output());
        // the time left is m:ss, or h:mm:ss beyond an hour
        java.util.regex.Matcher firstLine = java.util.regex.Pattern.compile(
                "step 1/(\\d+) .* ((\\d+):)?(\\d+):(\\d+) left").matcher(timed.output());
        assertTrue(firstLine.find(), timed.output());
        assertTrue(Integer.parseInt(firstLine.group(1)) < 10_000, firstLine.group());
        int hours = firstLine.group(3) == null ? 0 : Integer.parseInt(firstLine.group(3));
        assertTrue(hours * 3600 + Integer.parseInt(firstLine.group(4)) * 60 + Integer.parseInt(firstLine.group(5)) <= 6,
                firstLine.group());
        Run usage = diffusion("train", "--images");
        assertEquals(2, usage.status());
        assertTrue(usage.output().contains("Usage: ./diffusion train"), usage.output());
    }

    /**
     * The fine-tuning benchmark end to end on the embedded model, cut to two training steps and one held-out image:
     * 24 synthetic DIC images, a package with the new class, the table against bicubic and the harmonic fill; the
     * same folder then refuses another modality before writing any image.
     */
    @Test
    void finetuneEvalTrainsOnTheModalityAndTabulatesTheGain() throws Exception {
        Path out = dir.resolve("finetune");
        Run r = diffusion("finetune-eval", "--modality", "dic", "--steps", "2", "--held-out", "1", "--out",
                out.toString());
        assertEquals(0, r.status(), r.output());
        try (var images = Files.list(out.resolve("images"))) {
            assertEquals(24, images.filter(f -> f.getFileName().toString().matches("dic-\\d\\d\\.tif")).count());
        }
        assertTrue(ModelPackage.open(out.resolve("model")).manifest().classes().contains("dic"));
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.matches("(?s).*\\| x4 super-resolution, one draw, 50 steps: PSNR \\| [0-9.]+ \\| [0-9.]+ \\| "
                + "[0-9.]+ \\| [-+][0-9.]+ dB \\|.*"), summary);
        assertTrue(summary.contains("embedded model (class brightfield) | fine-tuned (class dic)"), summary);
        assertTrue(summary.matches("(?s).*\\| thin defects: PSNR inside against the noise-free images \\| [0-9.]+ \\| "
                + "[0-9.]+ \\| [0-9.]+ \\| [-+][0-9.]+ dB \\|.*"), summary);
        // denoising against the best of the three classical baselines, named in the row
        assertTrue(summary.matches("(?s).*\\| denoising at 50 photons, mean of 4 \\(baseline: the best classical, "
                + "(Gaussian blur \\(oracle sigma\\)|non-local means|median 3 x 3)\\): PSNR against the noise-free "
                + "images \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [-+][0-9.]+ dB \\|.*"), summary);
        assertTrue(summary.contains("Denoising, the fine-tuned model above the best classical baseline at [10, 50, 300] "
                + "photons: "), summary);
        assertTrue(summary.matches("(?s).*- 10 photons: Gaussian blur \\(oracle sigma\\) [0-9.]+, non-local means "
                + "[0-9.]+, median 3 x 3 [0-9.]+ dB; one draw's detail ratio embedded [0-9.]+, fine-tuned [0-9.]+\n.*"),
                summary);
        // the DIC images' camera noise is recorded and ends the fine-tuned package's sampling early
        int lowest = ModelPackage.open(out.resolve("model")).manifest().lowestTimestep();
        assertTrue(lowest > 0 && summary.contains("its sampling ends at timestep " + lowest + " "), summary);
        Run other = diffusion("finetune-eval", "--modality", "filaments", "--steps", "2", "--held-out", "1", "--out",
                out.toString());
        assertTrue(other.status() != 0, other.output());
        assertTrue(other.output().contains("without the class filaments"), other.output());
        try (var images = Files.list(out.resolve("images"))) {
            assertEquals(0, images.filter(f -> f.getFileName().toString().startsWith("filaments")).count(),
                    "no image of the other modality written");
        }
    }

    /**
     * The other modalities through the script as users start it (electron micrographs, striated muscle, bacteria): their
     * images, class and table, against the embedded model's closest class.
     */
    @ParameterizedTest
    @CsvSource({"em, brightfield", "muscle, fluorescence", "bacteria, brightfield"})
    void finetuneEvalRunsTheOtherModalities(String modality, String closestClass) throws Exception {
        Path out = dir.resolve("finetune-" + modality);
        Run r = diffusion("finetune-eval", "--modality", modality, "--steps", "2", "--held-out", "1", "--out",
                out.toString());
        assertEquals(0, r.status(), r.output());
        try (var images = Files.list(out.resolve("images"))) {
            assertEquals(24, images.filter(f -> f.getFileName().toString().matches(modality + "-\\d\\d\\.tif"))
                    .count());
        }
        assertTrue(ModelPackage.open(out.resolve("model")).manifest().classes().contains(modality));
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| task (held-out " + modality + " images, 1) |"), summary);
        assertTrue(summary.contains("embedded model (class " + closestClass + ") | fine-tuned (class " + modality
                + ")"), summary);
        // and a picture of the first held-out image restored by both models
        java.awt.image.BufferedImage sheet = javax.imageio.ImageIO.read(out.resolve("sheet.png").toFile());
        assertTrue(sheet.getWidth() > 5 * 256 && sheet.getHeight() > 2 * 256, sheet.getWidth() + "x" + sheet.getHeight());
    }

    @Test
    void benchTrainPrintsTheJavaStepTime() throws Exception {
        Run r = diffusion("bench", "--train", "--model", Fixture.folder().toString(), "--size", "16", "--steps", "3",
                "--batch", "2", "--workers", "2,1");
        assertEquals(0, r.status(), r.output());
        // the two copy counts, their steps alternating
        assertTrue(r.output().contains("each batch shared by 2 copies"), r.output());
        assertTrue(r.output().matches("(?s).*java, 1 copy per batch: [0-9.]+ ms per step.*"), r.output());
        assertTrue(r.output().matches("(?s).*java \\(DJL, libtorch 2\\.7\\.1, oneDNN limit \\w+\\): [0-9.]+ ms per step.*"),
                r.output());
        assertTrue(r.output().contains("python"), "the PyTorch line or why it is missing:\n" + r.output());
    }

    @Test
    void evalRunsOneSectionAtATime() throws Exception {
        Path images = Files.createDirectories(dir.resolve("test-images"));
        Files.copy(ROOT.resolve("test-images/cells-phase.tif"), images.resolve("cells-phase.tif"));
        // the denoising truth, no image of its own
        Files.copy(ROOT.resolve("test-images/cells-phase.noise-free.tif"), images.resolve("cells-phase.noise-free.tif"));
        for (String task : new String[] {"denoising", "isotropic", "z-consistency"}) {
            Path out = dir.resolve("eval-" + task);
            Run r = diffusion("eval", "--task", task, "--model", Fixture.folder().toString(), "--images",
                    images.toString(), "--size", "16", "--steps", "2", "--quick", "--device", "cpu", "--out",
                    out.toString());
            assertEquals(0, r.status(), r.output());
            String summary = Files.readString(out.resolve("summary.md"));
            assertTrue(summary.contains("### " + task + " ("), summary);
            assertFalse(summary.contains("### inpainting"), "only the section asked for:\n" + summary);
            assertFalse(Files.readString(out.resolve("results.csv")).contains("noise-free"),
                    "the companion is scored as no image of its own");
        }
        Run bad = diffusion("eval", "--task", "deblur", "--model", Fixture.folder().toString(), "--images",
                images.toString(), "--quick", "--out", dir.resolve("bad").toString());
        assertTrue(bad.status() != 0, bad.output());
        assertTrue(bad.output().contains("--task must be all or one of"), bad.output());
    }
}
