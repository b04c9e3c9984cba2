package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ShortProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job as users start it: {@code ./diffusion spark ...} in its own process, which builds the job's module
 * against the plugin's jar and starts it through Spark's own submit class in local mode. Its results are compared
 * with the single-machine reference, {@code ./diffusion macro} running the macro command over the same folder.
 */
class SparkJobIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final String OPTIONS = "model=[" + Fixture.folder() + "] steps=3 seed=5";

    @TempDir
    Path dir;

    private record Run(int status, String output) {
    }

    private static Run diffusion(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("diffusion").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "./diffusion did not finish");
        System.out.println(text);
        return new Run(p.exitValue(), text);
    }

    private static void image(Path file, int w, int h, int phase) {
        ShortProcessor sp = new ShortProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sp.set(x, y, 2000 + 30 * x + 20 * y + (int) (900 * Math.sin((x * y + phase) / 7.0)));
            }
        }
        assertTrue(new FileSaver(new ImagePlus(file.getFileName().toString(), sp)).saveAsTiff(file.toString()));
    }

    private static short[] pixels(Path file) {
        return (short[]) new Opener().openImage(file.toString()).getProcessor().getPixels();
    }

    @Test
    void localTwoGivesTheMacroResultAndARerunSkipsWhatIsDone() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 3; i++) {
            image(in.resolve("img" + i + ".tif"), 24 + 8 * i, 20, i);
        }
        Path out = dir.resolve("out");
        Run spark = diffusion(Map.of(), "spark", "super-resolution", "--input", in.toString(), "--output",
                out.toString(), "--options", OPTIONS, "--master", "local[2]");
        assertEquals(0, spark.status(), spark.output());
        assertTrue(spark.output().contains("master local[2], 1 libtorch thread per task"), spark.output());
        assertTrue(spark.output().contains("3 written, 0 skipped, 0 failed"), spark.output());
        assertFalse(spark.output().contains("\tat "), spark.output());

        Path reference = Files.createDirectories(dir.resolve("reference"));
        Path macro = dir.resolve("each.ijm");
        Files.writeString(macro, "args = split(getArgument(), \",\");\n"
                + "list = getFileList(args[0]);\n"
                + "for (i = 0; i < list.length; i++) {\n"
                + "  open(args[0] + \"/\" + list[i]);\n"
                + "  run(\"Diffusion Super-Resolution\", \"" + OPTIONS + " stack\");\n"
                + "  saveAs(\"Tiff\", args[1] + \"/\" + list[i]);\n"
                + "  close(\"*\");\n"
                + "}\n");
        // the same seed and the same libtorch threads (one, as each Spark task had)
        Run single = diffusion(Map.of("DIFFUSIONJ_THREADS", "1"), "macro", macro.toString(), in + "," + reference);
        assertEquals(0, single.status(), single.output());
        for (int i = 0; i < 3; i++) {
            String name = "img" + i + ".tif";
            short[] expected = pixels(reference.resolve(name));
            assertEquals((48 + 16 * i) * 40, expected.length);
            assertArrayEquals(expected, pixels(out.resolve(name)), name + ": Spark and the macro differ");
        }

        long written = Files.getLastModifiedTime(out.resolve("img0.tif")).toMillis();
        Run rerun = diffusion(Map.of(), "spark", "super-resolution", "--input", in.toString(), "--output",
                out.toString(), "--options", OPTIONS, "--master", "local[1]");
        assertEquals(0, rerun.status(), rerun.output());
        assertTrue(rerun.output().contains("0 written, 3 skipped, 0 failed"), rerun.output());
        assertEquals(written, Files.getLastModifiedTime(out.resolve("img0.tif")).toMillis());
    }

    @Test
    void aLargePlaneGoesInBlocksAndABadFileFailsAlone() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        image(in.resolve("big.tif"), 100, 70, 3);
        Files.writeString(in.resolve("broken.tif"), "not an image");
        Path out = dir.resolve("out");
        // the model as a cluster gets it: a zipped package shipped with --files, named by its file name
        Path zip = dir.resolve("fixture-model.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
                java.util.stream.Stream<Path> files = Files.list(Fixture.folder())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        Run r = diffusion(Map.of(), "spark", "super-resolution", "--input", in.toString(), "--output",
                out.toString(), "--files", zip.toString(), "--options", "model=fixture-model.zip steps=3 seed=5",
                "--block", "48", "--overlap", "12");
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("written  big.tif (6 blocks"), r.output());
        assertTrue(r.output().contains("FAILED   broken.tif"), r.output());
        ImagePlus big = new Opener().openImage(out.resolve("big.tif").toString());
        assertEquals(200, big.getWidth());
        assertEquals(140, big.getHeight());
        assertTrue(big.getInfoProperty().contains("Blocks: 6"), big.getInfoProperty());
        assertTrue(big.getInfoProperty().contains("Model: test-fixture"), big.getInfoProperty());
        assertFalse(Files.exists(out.resolve("broken.tif")));

        // a Zarr array in, a Zarr array out, in blocks that read only their chunks
        float[] plane = new float[100 * 70];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = 1000 + (i * 37) % 2000;
        }
        org.diffusionj.batch.ZarrArray.create(dir.resolve("raw.zarr"), new long[] {70, 100}, new int[] {32, 32},
                "<u2").write(new float[][] {plane});
        Run zarr = diffusion(Map.of(), "spark", "super-resolution", "--input", dir.resolve("raw.zarr").toString(),
                "--output", dir.resolve("sr.zarr").toString(), "--options", OPTIONS, "--block", "48", "--overlap",
                "12");
        assertEquals(0, zarr.status(), zarr.output());
        assertTrue(zarr.output().contains("written  raw.zarr (6 blocks"), zarr.output());
        org.diffusionj.batch.ZarrArray sr = org.diffusionj.batch.ZarrArray.open(dir.resolve("sr.zarr"));
        assertArrayEquals(new long[] {140, 200}, sr.shape());
        assertArrayEquals(new int[] {64, 64}, sr.chunks());

        Run bad = diffusion(Map.of(), "spark", "sharpen", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, bad.status(), bad.output());
        assertTrue(bad.output().contains("Error: unknown command 'sharpen'; one of [inpaint"), bad.output());
        // a setting that each file would fail on is refused by the driver before any task starts
        Path none = dir.resolve("not-made");
        Run noTarget = diffusion(Map.of(), "spark", "null-text-edit", "--input", in.toString(), "--output",
                none.toString(), "--options", "source=alpha");
        assertEquals(2, noTarget.status(), noTarget.output());
        assertTrue(noTarget.output().contains("Error: target: name the class to edit"), noTarget.output());
        assertFalse(Files.exists(none), "no output folder for a refused job");
    }
}
