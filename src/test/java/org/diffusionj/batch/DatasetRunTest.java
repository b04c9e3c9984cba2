package org.diffusionj.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.diffusionj.imagej.ImageJProgress;
import org.diffusionj.imagej.TaskCommand;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRunTest {
    private static final String OPTIONS = "model=[" + Fixture.folder() + "] steps=2 seed=7";

    @TempDir
    Path dir;

    private static ImagePlus gradient(String title, int w, int h, int phase) {
        ShortProcessor ip = new ShortProcessor(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ip.set(x, y, 1000 + 40 * x + 25 * y + (int) (800 * Math.sin((x + phase) / 3.0)));
            }
        }
        ImagePlus image = new ImagePlus(title, ip);
        image.getCalibration().pixelWidth = 0.5;
        image.getCalibration().setUnit("um");
        return image;
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static void save(ImagePlus image, Path file) {
        assertTrue(new FileSaver(image).saveAsTiff(file.toString()));
    }

    private static short[] pixels(Path file) {
        ImagePlus image = new Opener().openImage(file.toString());
        return (short[]) image.getProcessor().getPixels();
    }

    private static Map<String, FileReport.Status> statuses(List<FileReport> reports) {
        return reports.stream().collect(Collectors.toMap(FileReport::file, FileReport::status));
    }

    @Test
    void everyFileIsRestoredAsTheMacroWouldAndARerunSkipsThem() throws IOException {
        Path in = folder("in");
        save(gradient("a.tif", 24, 20, 0), in.resolve("a.tif"));
        save(gradient("b.tif", 16, 16, 5), in.resolve("b.tif"));
        Files.writeString(in.resolve("broken.tif"), "not a TIFF");
        Files.writeString(in.resolve(".hidden"), "skipped");
        Path out = dir.resolve("out");
        BatchJob job = new BatchJob("super-resolution", OPTIONS, in.toString(), out.toString(), null, 512, 64);

        List<FileReport> first = DatasetRun.sequential(job);
        assertEquals(Map.of("a.tif", FileReport.Status.WRITTEN, "b.tif", FileReport.Status.WRITTEN, "broken.tif",
                FileReport.Status.FAILED), statuses(first));
        ImagePlus a = new Opener().openImage(out.resolve("a.tif").toString());
        assertEquals(48, a.getWidth());
        assertEquals(16, a.getBitDepth());
        assertEquals(0.25, a.getCalibration().pixelWidth, 1e-12);

        // the same command, settings and seed through the macro's own path give the same pixels
        ImagePlus original = new Opener().openImage(in.resolve("a.tif").toString());
        ImagePlus byMacro = TaskCommand.execute(job.command(), original, job.settings(7),
                new ImageJProgress("test", () -> false)).image();
        assertArrayEquals((short[]) byMacro.getProcessor().getPixels(), pixels(out.resolve("a.tif")));

        long written = Files.getLastModifiedTime(out.resolve("a.tif")).toMillis();
        List<FileReport> second = DatasetRun.sequential(job);
        assertEquals(FileReport.Status.SKIPPED, statuses(second).get("a.tif"));
        assertEquals(FileReport.Status.SKIPPED, statuses(second).get("b.tif"));
        assertEquals(written, Files.getLastModifiedTime(out.resolve("a.tif")).toMillis());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("a.tif", "b.tif"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary or partial files are left");
        }
    }

    @Test
    void aLargePlaneIsRestoredInBlocksReproduciblyWithAStandardDeviationMap() throws IOException {
        Path in = folder("in");
        save(gradient("big.tif", 70, 50, 2), in.resolve("big.tif"));
        BatchJob job = new BatchJob("denoise", OPTIONS + " samples=2 gain=5 sigma=3", in.toString(),
                dir.resolve("one").toString(), null, 32, 8);
        DatasetPlan plan = DatasetPlan.of(job);
        assertEquals(6, plan.blocks().size()); // 3 x 2 blocks of 32 px covering 70 x 50
        assertEquals(6, plan.blocks().stream().mapToLong(BlockJob::seed).distinct().count());
        assertEquals(FileReport.Status.WRITTEN, DatasetRun.sequential(job).get(0).status());
        BatchJob again = new BatchJob("denoise", OPTIONS + " samples=2 gain=5 sigma=3", in.toString(),
                dir.resolve("two").toString(), null, 32, 8);
        DatasetRun.sequential(again);
        short[] first = pixels(dir.resolve("one/big.tif"));
        assertEquals(70 * 50, first.length);
        assertArrayEquals(first, pixels(dir.resolve("two/big.tif")), "a re-run writes identical pixels");
        ImagePlus sd = new Opener().openImage(dir.resolve("one/sd/big.tif").toString());
        assertEquals(32, sd.getBitDepth());
        assertEquals(70, sd.getWidth());
        assertTrue(new Opener().openImage(dir.resolve("one/big.tif").toString()).getInfoProperty()
                .contains("Blocks: 6"));
    }

    @Test
    void masksLimitTheChangeAndBlocksWithoutOneKeepTheInput() throws IOException {
        Path in = folder("in");
        Path masks = folder("masks");
        ImagePlus image = gradient("m.tif", 64, 40, 1);
        save(image, in.resolve("m.tif"));
        ij.process.ByteProcessor mask = new ij.process.ByteProcessor(64, 40);
        for (int y = 5; y < 12; y++) {
            for (int x = 4; x < 12; x++) {
                mask.set(x, y, 255);
            }
        }
        save(new ImagePlus("m.tif", mask), masks.resolve("m.tif"));
        BatchJob job = new BatchJob("inpaint", OPTIONS, in.toString(), dir.resolve("out").toString(),
                masks.toString(), 32, 8);
        assertEquals(FileReport.Status.WRITTEN, DatasetRun.sequential(job).get(0).status());
        short[] before = (short[]) image.getProcessor().getPixels();
        short[] after = pixels(dir.resolve("out/m.tif"));
        int changed = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 64; x++) {
                boolean inside = mask.get(x, y) != 0;
                if (!inside) {
                    assertEquals(before[y * 64 + x], after[y * 64 + x], "outside the mask at " + x + "," + y);
                } else if (before[y * 64 + x] != after[y * 64 + x]) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 20, "the masked pixels were restored: " + changed + " changed");
    }

    @Test
    void badJobsFailBeforeAnyWork() throws IOException {
        Path in = folder("in");
        String out = dir.resolve("out").toString();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("sharpen", "", in.toString(), out,
                null, 512, 64)).getMessage().contains("super-resolution"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("sdedit", "stepz=3", in.toString(),
                out, null, 512, 64)).getMessage().contains("unknown key 'stepz'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("sdedit", "steps=0",
                in.toString(), out, null, 512, 64)).getMessage().contains("steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("inpaint", "", in.toString(),
                out, null, 512, 64)).getMessage().contains("--masks"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("super-resolution", "",
                in.toString(), out, in.toString(), 512, 64)).getMessage().contains("no masks"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("sdedit", "", in.toString(),
                in.toString(), null, 512, 64)).getMessage().contains("differ"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("sdedit", "",
                dir.resolve("missing").toString(), out, null, 512, 64)).getMessage().contains("does not exist"));
        assertThrows(IllegalArgumentException.class, () -> new BatchJob("sdedit", "", in.toString(), out, null, 64,
                40));
        // settings that a command checked only once it had an image, or only for z-stacks, are refused up front too
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("null-text-edit", "source=alpha",
                in.toString(), out, null, 512, 64)).getMessage().contains("target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("isotropic", "factor=1",
                in.toString(), out, null, 512, 64)).getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("super-resolution", "z=bogus",
                in.toString(), out, null, 512, 64)).getMessage().contains("bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("super-resolution", "zweight=5",
                in.toString(), out, null, 512, 64)).getMessage().contains("zweight"));
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void aFileThatFailsFailsAloneAndLeavesNothingHalfWritten() throws IOException {
        Path in = folder("in");
        Path masks = folder("masks");
        save(gradient("a.tif", 16, 16, 0), in.resolve("a.tif"));
        save(gradient("b.tif", 16, 16, 3), in.resolve("b.tif"));
        ij.process.ByteProcessor mask = new ij.process.ByteProcessor(16, 16);
        mask.set(5, 5, 255);
        save(new ImagePlus("a.tif", mask), masks.resolve("a.tif")); // b has no mask
        Path out = dir.resolve("out");
        List<FileReport> reports = DatasetRun.sequential(new BatchJob("inpaint", OPTIONS, in.toString(),
                out.toString(), masks.toString(), 512, 64));
        assertEquals(FileReport.Status.WRITTEN, statuses(reports).get("a.tif"));
        assertEquals(FileReport.Status.FAILED, statuses(reports).get("b.tif"));
        assertTrue(reports.stream().filter(r -> r.file().equals("b.tif")).findFirst().orElseThrow().message()
                .contains("b.tif cannot be read"));
        assertFalse(Files.exists(out.resolve("b.tif")));

        // a result that cannot be written (here its SD map's folder is a file) fails without a result file
        Path blocked = folder("blocked");
        Files.writeString(blocked.resolve("sd"), "in the way");
        List<FileReport> failed = DatasetRun.sequential(new BatchJob("sdedit", OPTIONS + " samples=2",
                in.toString(), blocked.toString(), null, 512, 64));
        assertEquals(FileReport.Status.FAILED, statuses(failed).get("a.tif"));
        try (Stream<Path> files = Files.list(blocked)) {
            assertEquals(List.of("sd"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void blockSeedsDependOnSeedFileAndBlockOnly() {
        assertEquals(42, BlockSeeds.of(42, "a.tif", 0, 1));
        long s = BlockSeeds.of(42, "a.tif", 3, 6);
        assertEquals(s, BlockSeeds.of(42, "a.tif", 3, 6));
        assertNotEquals(s, BlockSeeds.of(42, "a.tif", 4, 6));
        assertNotEquals(s, BlockSeeds.of(42, "b.tif", 3, 6));
        assertNotEquals(s, BlockSeeds.of(43, "a.tif", 3, 6));
        assertTrue(s >= 0 && s < (1L << 53));
    }
}
