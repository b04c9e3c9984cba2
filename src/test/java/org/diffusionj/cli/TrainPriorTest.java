package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.imagej.PriorTraining;
import org.diffusionj.runtime.Fixture;
import org.diffusionj.runtime.ModelPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training a prior as users start it: the Train Prior macro command (ImageJ's interpreter, headless),
 * {@code ./diffusion train}'s entry point, and the bad inputs of both. The fixture model, a few steps.
 */
class TrainPriorTest {
    @TempDir
    Path dir;

    /** {@code count} 16-bit images of {@code size} pixels with a bright stripe, in {@code folder}. */
    private Path images(String folder, int count, int size) throws IOException {
        Path f = Files.createDirectories(dir.resolve(folder));
        for (int i = 0; i < count; i++) {
            ShortProcessor sp = new ShortProcessor(size, size);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    sp.set(x, y, 200 + ((x + 2 * y + i) % 9 == 0 ? 3000 : 0) + (x * 7 + y * 13) % 50);
                }
            }
            new FileSaver(new ImagePlus("img" + i, sp)).saveAsTiff(f.resolve("img" + i + ".tif").toString());
        }
        return f;
    }

    /** Four steps; the minutes (less than a step takes) must not cut them short: steps replace the minutes. */
    private static String quick(Path images, Path output) {
        return "images=[" + images + "] output=[" + output + "] class=gamma model=[" + Fixture.folder()
                + "] steps=4 minutes=0.0001 batch=2 crop=16";
    }

    @Test
    void theMacroCommandTrainsANewClassThatTheOtherCommandsThenUse() throws IOException {
        Path images = images("images", 4, 24);
        Path output = dir.resolve("tuned");
        Files.writeString(images.resolve("notes.txt"), "not an image");
        HeadlessMacro.Run r = HeadlessMacro.run("run(\"Diffusion Train Prior\", \"" + quick(images, output) + "\");\n"
                + "newImage(\"x\", \"16-bit ramp\", 24, 24, 1);\n"
                + "run(\"Diffusion SDEdit\", \"model=[" + output + "] class=gamma steps=2 strength=0.5\");\n"
                + "print(\"made \" + getTitle());\n", "");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("skipped notes.txt"), r.output());
        assertTrue(r.output().contains("made x-sdedit"), r.output());
        ModelPackage p = ModelPackage.open(output);
        assertEquals(List.of("none", "alpha", "beta", "gamma"), p.manifest().classes());
        assertEquals(4, p.manifest().provenance().get("steps").getAsInt());
        assertTrue(p.manifest().provenance().get("heldOutLossAfter").isJsonObject());
        // the images' noise is logged and recorded: sampling with the package ends above it
        java.util.regex.Matcher noise = java.util.regex.Pattern.compile("the images' noise: ([0-9.]+) .*ends at timestep"
                + " ([0-9]+)").matcher(r.output());
        assertTrue(noise.find(), r.output());
        assertEquals(Double.parseDouble(noise.group(1)), p.manifest().trainingNoise(), 5e-5);
        assertEquals(Integer.parseInt(noise.group(2)), p.manifest().lowestTimestep());
        // on the CPU the batch (2) is shared by min(libtorch's threads, 2) copies, logged and on record
        int workers = p.manifest().provenance().get("workers").getAsInt();
        assertTrue(workers >= 1 && workers <= 2, "workers " + workers);
        assertEquals(workers > 1, r.output().contains("each batch is shared by " + workers + " copies"), r.output());
        // the instruction set is logged and on record; the aligned fixture runs oneDNN unlimited unless the user set it
        String isa = p.manifest().provenance().get("oneDnnIsa").getAsString();
        assertTrue(r.output().contains("oneDNN instruction set: " + isa + " ("), r.output());
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null) {
            assertEquals("ALL", isa);
        }
        // glibc keeps freed tensors (Linux; NativeHeapTest measures what that does), and the Log says so
        assertTrue(r.output().contains("native memory: " + org.diffusionj.runtime.NativeHeap.describe()), r.output());
        if (System.getenv("GLIBC_TUNABLES") == null && java.nio.file.Files.isReadable(
                java.nio.file.Paths.get("/proc/self/maps"))) {
            assertTrue(r.output().contains("native memory: freed tensors kept for reuse"), r.output());
        }
        // the backward pass was checked against the forward pass before training, and the check is on record
        assertTrue(r.output().contains("gradient check: along the gradient"), r.output());
        assertEquals(1, p.manifest().provenance().get("gradientCheckRatio").getAsDouble(),
                GradientCheck.TOLERANCE);
        // written outside the models folder, it is offered in every command's Model choice by its path
        assertTrue(r.output().contains("listed by its path"), r.output());
        assertTrue(org.diffusionj.runtime.Models.available().contains(output.toAbsolutePath().toString()),
                org.diffusionj.runtime.Models.available().toString());
    }

    @Test
    void theOpenStackTrainsWhenNoFolderIsGiven() {
        Path output = dir.resolve("from-stack");
        HeadlessMacro.Run r = HeadlessMacro.run("newImage(\"s\", \"16-bit ramp\", 24, 24, 3);\n"
                + "run(\"Diffusion Train Prior\", \"class=alpha model=[" + Fixture.folder() + "] output=[" + output
                + "] steps=2 batch=2 crop=16\");\n", "");
        assertEquals(0, r.status(), r.output());
        assertTrue(Files.exists(output.resolve("model.json")), r.output());
    }

    @Test
    void badInputGetsOneClearMessageAndWritesNothing() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path small = images("small", 2, 8);
        Path good = images("good", 2, 24);
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        String[][] cases = {
            {"images=[" + empty + "] output=[" + dir.resolve("o1") + "] class=gamma model=[" + Fixture.folder()
                    + "] steps=2 crop=16", "holds no files"},
            {"images=[" + small + "] output=[" + dir.resolve("o2") + "] class=gamma model=[" + Fixture.folder()
                    + "] steps=2 crop=16", "at least 16 x 16"},
            {quick(good, existing), "exists already"},
            {"images=[" + good + "] output=[" + dir.resolve("o3") + "] model=[" + Fixture.folder() + "] steps=2",
                    "class: name what the images show"},
            {"images=[" + good + "] output=[" + dir.resolve("o4") + "] class=gamma model=[" + Fixture.folder()
                    + "] steps=2 crop=12", "multiple of 8"},
            {quick(good, existing) + " force", "neither a model package nor empty"},
            {quick(good, good) + " force", "must not hold the training images"},
        };
        for (String[] c : cases) {
            HeadlessMacro.Run r = HeadlessMacro.run("run(\"Diffusion Train Prior\", \"" + c[0] + "\");\n", "");
            assertNotEquals(0, r.status(), c[0]);
            assertTrue(r.output().contains(c[1]), c[1] + " expected in:\n" + r.output());
            assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
        }
        assertEquals("mine", Files.readString(existing.resolve("keep.txt")), "an existing folder is left alone");
        for (String o : List.of("o1", "o2", "o3", "o4")) {
            assertFalse(Files.exists(dir.resolve(o)), o);
        }
        assertTrue(Files.exists(good.resolve("img0.tif")), "the images are never touched");
        Path tuned = dir.resolve("tuned-twice");
        for (int run = 0; run < 2; run++) { // the second run replaces the first run's package
            HeadlessMacro.Run forced = HeadlessMacro.run("run(\"Diffusion Train Prior\", \"" + quick(good, tuned)
                    + " force\");\n", "");
            assertEquals(0, forced.status(), forced.output());
        }
        assertTrue(Files.exists(tuned.resolve("model.json")));
    }

    /** A user who presses Finish now ({@code finish}) or Cancel after {@code reports} progress reports. */
    private static PriorTraining.Listener pressingAfter(int reports, boolean finish, List<String> log) {
        return new PriorTraining.Listener() {
            private int calls;

            @Override
            public void progress(int step, int total, double loss, double heldOut, double rate, double left) {
                calls++;
            }

            @Override
            public boolean cancelled() {
                return !finish && calls >= reports;
            }

            @Override
            public boolean finishNow() {
                return finish && calls >= reports;
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
    }

    /** Finish now (the progress window's button): the package of the steps done so far, written whole. */
    @Test
    void finishNowWritesThePackageOfTheStepsDone() throws IOException {
        Path output = dir.resolve("finished");
        PriorTraining.Options o = new PriorTraining.Options(images("f", 2, 24), output, "gamma",
                Fixture.folder().toString(), 50, 0, 2, 16, 1e-3, 0, "cpu", null, false);
        List<String> log = new java.util.ArrayList<>();
        PriorTraining.Report r = PriorTraining.run(o, null, "test", pressingAfter(5, true, log));
        assertEquals(5, r.steps(), String.join("\n", log));
        assertTrue(log.contains("finishing at step 5"), String.join("\n", log));
        ModelPackage p = ModelPackage.open(output);
        assertEquals(5, p.manifest().provenance().get("steps").getAsInt());
        assertEquals(List.of("none", "alpha", "beta", "gamma"), p.manifest().classes());
    }

    /**
     * {@code minutes=} (the command's default way): the run stops on time, by the clock or by the number of steps
     * planned from its speed, and writes its package. (How many steps fit is the machine's business: the budget
     * includes the held-out loss measured before training.)
     */
    @Test
    void aTimedRunStopsInTimeAndWritesItsPackage() throws IOException {
        Path output = dir.resolve("timed");
        HeadlessMacro.Run r = HeadlessMacro.run("run(\"Diffusion Train Prior\", \"images=[" + images("t", 2, 24)
                + "] output=[" + output + "] class=gamma model=[" + Fixture.folder()
                + "] minutes=0.1 batch=2 crop=16\");\n", "");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("time is up at step") || r.output().contains("planned "), r.output());
        ModelPackage p = ModelPackage.open(output);
        assertTrue(p.manifest().provenance().get("steps").getAsInt() >= 1, r.output());
        double minutes = p.manifest().provenance().get("minutes").getAsDouble();
        assertTrue(minutes >= 0.1 && minutes <= 1, "minutes (to 0.1) " + minutes + "\n" + r.output());
    }

    /**
     * A timed run's progress never shows more time left than it has, nor, before its first plan, a total its time
     * does not allow (its first reports once showed the unplanned total: "step 1/536870911, 41574:20:40 left").
     */
    @Test
    void aTimedRunReportsTheTimeItHasLeft() throws IOException {
        double minutes = 0.1; // six seconds: the loading and the first held-out loss, then some steps
        PriorTraining.Options o = new PriorTraining.Options(images("p", 2, 24), dir.resolve("progress"), "gamma",
                Fixture.folder().toString(), 0, minutes, 2, 16, 1e-3, 0, "cpu", null, false);
        List<String> reports = new java.util.ArrayList<>();
        PriorTraining.run(o, null, "test", new PriorTraining.Listener() {
            @Override
            public void progress(int step, int total, double loss, double heldOut, double rate, double left) {
                reports.add(step + "/" + total + ", " + left + " s left");
                assertTrue(left >= 0 && left <= minutes * 60, "seconds left: " + reports);
                // six seconds of the fixture make some hundreds of steps (about 100 a second), a plan a little more
                assertTrue(total >= step && total < 10_000, "total: " + reports);
            }

            @Override
            public void log(String line) {
            }
        });
        assertFalse(reports.isEmpty());
    }

    @Test
    void aCancelledRunLeavesNoPackage() throws IOException {
        Path output = dir.resolve("cancelled");
        PriorTraining.Options o = new PriorTraining.Options(images("c", 2, 24), output, "gamma",
                Fixture.folder().toString(), 50, 0, 2, 16, 1e-3, 0, "cpu", null, false);
        assertThrows(CancelledException.class, () -> PriorTraining.run(o, null, "test",
                pressingAfter(3, false, new java.util.ArrayList<>())));
        try (var s = Files.list(dir)) {
            assertEquals(List.of("c"), s.map(p -> p.getFileName().toString()).toList(),
                    "only the images folder: no package, no partial folder");
        }
    }

    @Test
    void theCommandLineTrainsAndResumes() throws IOException {
        Path images = images("cli", 3, 24);
        Path out = dir.resolve("cli-model");
        String[] base = {"--images", images.toString(), "--out", out.toString(), "--class", "gamma", "--init",
            Fixture.folder().toString(), "--steps", "4", "--batch", "2", "--crop", "16", "--device", "cpu"};
        assertEquals(0, Train.run(base));
        assertTrue(Files.exists(PriorTraining.checkpointOf(out).resolve("state.ndlist")));
        assertTrue(org.diffusionj.runtime.Models.available().contains(out.toAbsolutePath().toString()),
                "in every command's Model choice: " + org.diffusionj.runtime.Models.available());
        assertEquals(1, Train.run(base), "the output exists: refused without --force");
        String[] more = java.util.Arrays.copyOf(base, base.length + 3);
        more[base.length] = "--resume";
        more[base.length + 1] = out.toString();
        more[base.length + 2] = "--force";
        more[9] = "6";
        assertEquals(0, Train.run(more));
        assertEquals(6, ModelPackage.open(out).manifest().provenance().get("steps").getAsInt());
        assertEquals(2, Train.run(new String[] {"--images"}), "usage");
        assertEquals(2, Train.run(new String[] {"--images", "x", "--out", "y", "--class", "c", "--bogus", "1"}));
    }
}
