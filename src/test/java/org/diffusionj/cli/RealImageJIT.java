package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ImageJ started the way users start it: {@code ./diffusion install} into a fresh ImageJ folder, then
 * {@code java -cp ij.jar ij.ImageJ -ijpath DIR -batch macro.ijm} in its own JVM on a virtual display, with
 * nothing registered beforehand. Every macro example of the README, docs/imagej.md and macros/ runs
 * verbatim, read from those files; ImageJ 1.53t (Debian's) runs one, an older ImageJ gets a clear message.
 * A modal dialog would hang a batch job: every run has a time limit and a hang fails.
 *
 * <p>Runs after {@code mvn package} (failsafe), since it installs the packaged jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealImageJIT {
    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Pattern EXAMPLE = Pattern.compile("^\\s*(run\\(\"Diffusion [^\"]+\".*\\);)");
    private static final Pattern INLINE = Pattern.compile("`(run\\(\"Diffusion [^`]*\\))`");
    private VirtualDisplay display;
    private Path imagej;
    private Path images;

    @BeforeAll
    void installIntoAFreshImageJ() throws Exception {
        display = VirtualDisplay.start();
        imagej = Files.createTempDirectory("imagej");
        Files.createDirectories(imagej.resolve("plugins"));
        Process install = new ProcessBuilder(ROOT.resolve("diffusion").toString(), "install", imagej.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String text = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0, text);
        assertTrue(Files.exists(imagej.resolve("plugins/jars/slf4j-simple-2.0.16.jar")), text);
        images = Files.createTempDirectory("examples");
        run(imagej(), String.join("\n",
                "open('" + ROOT.resolve("test-images/nuclei-fluorescence-16bit.tif") + "');",
                "makeRectangle(96, 96, 32, 32); run('Crop'); saveAs('Tiff', '" + images.resolve("gray16.tif") + "');",
                "open('" + ROOT.resolve("test-images/he-histology.tif") + "');",
                "makeRectangle(64, 64, 32, 32); run('Crop'); saveAs('Tiff', '" + images.resolve("rgb.tif") + "');",
                "run('8-bit'); saveAs('Tiff', '" + images.resolve("gray8.tif") + "');",
                "print('made');").replace('\'', '"'), null);
    }

    @AfterAll
    void stopDisplay() throws InterruptedException {
        if (display != null) {
            display.close();
        }
    }

    private record Run(boolean finished, int status, String output) {
    }

    private Path imagej() {
        return ROOT.resolve("target/lib/ij-1.54p.jar");
    }

    /** {@code macro} run by {@code ij.ImageJ -batch} of the given ImageJ jar, in its own JVM. */
    private Run run(Path ijJar, String macro, String argument) throws IOException, InterruptedException {
        Path file = Files.createTempFile(images == null ? imagej : images, "macro", ".ijm");
        Files.writeString(file, macro, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-cp", ijJar.toString(), "ij.ImageJ", "-ijpath", imagej.toString(), "-batch",
                file.toString()));
        if (argument != null) {
            command.add(argument);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display.name());
        pb.environment().put("DIFFUSIONJ_MODELS", imagej.resolve("models").toString());
        Path log = Files.createTempFile(imagej, "output", ".txt");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean finished = p.waitFor(macro.contains("Null-Text") ? 8 : 3, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("--- " + macro.lines().filter(l -> l.contains("Diffusion")).findFirst().orElse("macro")
                + "\n" + output);
        return new Run(finished, finished ? p.exitValue() : -1, output);
    }

    private static void assertClean(Run r) {
        assertTrue(r.finished(), "ImageJ hung (a modal dialog?):\n" + r.output());
        assertFalse(r.output().contains("Exception") || r.output().contains("\tat "), "a stack trace:\n" + r.output());
        assertFalse(r.output().contains("WARN") || r.output().contains("INFO ai.djl") || r.output().contains("SLF4J"),
                "the console should be quiet:\n" + r.output());
        assertFalse(r.output().contains("Unrecognized command"), r.output());
        assertFalse(r.output().contains("Error:"), r.output());
    }

    /**
     * The {@code run("Diffusion ...")} examples of a document, verbatim: every line of its code blocks, and
     * every inline code span that is a whole call (spans with "..." placeholders are descriptions, not code).
     */
    static List<String> examples(Path document) throws IOException {
        List<String> out = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = EXAMPLE.matcher(line);
            if (code && m.find()) {
                out.add(m.group(1));
            } else if (!code) {
                Matcher inline = INLINE.matcher(line);
                while (inline.find()) {
                    if (!inline.group(1).contains("...")) {
                        out.add(inline.group(1) + ";");
                    }
                }
            }
        }
        return out;
    }

    /** Opens a small image fitting the example's command (and a selection for Inpaint) before it runs. */
    private String setup(String example) {
        if (example.contains("Train Prior")) {
            return "";
        }
        if (example.contains("Isotropic")) {
            return "close('*');\nnewImage('stack', '16-bit ramp', 24, 24, 4);\nsource = getTitle();\n";
        }
        if (example.contains("z=consistent")) { // the slices of a z-stack sampled together
            return "close('*');\nnewImage('stack', '16-bit ramp', 24, 24, 3);\nsource = getTitle();\n";
        }
        String image = example.contains("Colorize") ? "gray8.tif"
                : example.contains("class=histology") || example.contains("Null-Text") ? "rgb.tif" : "gray16.tif";
        String select = example.contains("Inpaint") ? "makeRectangle(12, 14, 9, 3);\n" : "";
        return "close('*');\nopen('" + images.resolve(image) + "');\nsource = getTitle();\n" + select;
    }

    /** After an example: its result is a new, active image; an SD map never takes the front. */
    private static String check(int i, String example) {
        if (example.contains("Models") || example.contains("Device Check") || example.contains("Train Prior")) {
            return "print('example " + i + " made a report');\n"; // they write to the Log, not an image
        }
        return String.join("\n",
                "if (getTitle() == source) exit('example " + i + ": no result in front');",
                "if (endsWith(getTitle(), '-SD')) exit('example " + i + ": the SD map is in front');",
                "print('example " + i + " made ' + getTitle() + ' ' + getWidth() + 'x' + getHeight() + ' of ' + nImages);",
                "");
    }

    /**
     * A training example with its folder pointed at small test images and three steps added after its 15 minutes
     * (steps replace the minutes: without that, the run takes the minutes and the batch job's time limit fails it):
     * the one liberty taken with the documents' examples (everything else runs verbatim).
     */
    private String shortened(String example) throws IOException {
        if (!example.contains("Train Prior")) {
            return example;
        }
        Path folder = Files.createDirectories(images.resolve("training"));
        if (!Files.exists(folder.resolve("a.tif"))) {
            Files.copy(images.resolve("gray16.tif"), folder.resolve("a.tif"));
            Files.copy(images.resolve("rgb.tif"), folder.resolve("b.tif"));
        }
        return example.replaceAll("images=\\[[^]]*]", "images=[" + folder + "]")
                .replaceAll("(minutes=\\d+)", "$1 steps=3 batch=2 crop=32 force");
    }

    private Run runExamples(Path document, int expected) throws Exception {
        List<String> examples = examples(document);
        assertEquals(expected, examples.size(), "examples in " + document + ": " + examples);
        StringBuilder macro = new StringBuilder();
        for (int i = 0; i < examples.size(); i++) {
            macro.append(setup(examples.get(i)).replace('\'', '"')).append(shortened(examples.get(i))).append('\n')
                    .append(check(i, examples.get(i)).replace('\'', '"'));
        }
        macro.append("print('all examples ran');\n");
        Run r = run(imagej(), macro.toString(), null);
        assertClean(r);
        for (int i = 0; i < examples.size(); i++) {
            assertTrue(r.output().contains("example " + i + " made "), examples.get(i) + ":\n" + r.output());
        }
        assertTrue(r.output().contains("all examples ran"), r.output());
        return r;
    }

    @Test
    void everyReadmeExampleRunsVerbatim() throws Exception {
        runExamples(ROOT.resolve("README.md"), 13);
    }

    @Test
    void everyExampleOfTheImageJGuideRunsVerbatim() throws Exception {
        Run r = runExamples(ROOT.resolve("docs/imagej.md"), 11);
        assertTrue(Files.exists(imagej.resolve("models/microscopy-small-membranes/model.json")),
                "the trained package lands in the models folder");
        // steps=3 replaced the example's minutes=15 (the Log's last line of the run says how many were done)
        assertTrue(r.output().contains("Diffusion Train Prior: 3 steps in "), r.output());
        // the training checks its gradients in ImageJ's own JVM before the first step (the Log says so)
        assertTrue(r.output().contains("gradient check: along the gradient"), r.output());
        // and logs the images' noise, which the package records for where its sampling ends
        assertTrue(r.output().contains("the images' noise: "), r.output());
        String manifest = Files.readString(imagej.resolve("models/microscopy-small-membranes/model.json"));
        assertTrue(manifest.contains("\"trainingNoise\""), "model.json records it");
        // on the CPU the batches are shared by copies of the network: as many as model.json records, the Log says
        java.util.regex.Matcher workers = java.util.regex.Pattern.compile("\"workers\": ?([0-9]+)").matcher(manifest);
        assertTrue(workers.find(), manifest);
        int copies = Integer.parseInt(workers.group(1));
        assertTrue(copies >= 1, manifest);
        assertEquals(copies > 1, r.output().contains("each batch is shared by " + copies + " copies"), r.output());
        // the embedded model's output layer is padded to whole channel blocks: oneDNN runs unlimited, logged and on record
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null) {
            assertTrue(manifest.matches("(?s).*\"oneDnnIsa\": ?\"ALL\".*"), manifest);
            assertTrue(r.output().contains("oneDNN instruction set: ALL (not limited"), r.output());
        }
        // glibc keeps freed tensors in ImageJ's JVM too (NativeHeap), and the Log says so
        if (System.getenv("GLIBC_TUNABLES") == null) {
            assertTrue(r.output().contains("native memory: freed tensors kept for reuse"), r.output());
        }
    }

    @Test
    void everyMacroInTheMacrosFolderRunsVerbatim() throws Exception {
        try (Stream<Path> files = Files.list(ROOT.resolve("macros"))) {
            for (Path m : files.filter(f -> f.toString().endsWith(".ijm")).sorted().toList()) {
                String name = m.getFileName().toString();
                if (name.equals("batch-folder.ijm")) {
                    continue; // below, with a folder
                }
                String image = name.startsWith("colorize") ? "gray8.tif" : name.startsWith("null-text") ? "rgb.tif"
                        : "gray16.tif";
                // the isotropic macro makes its own example z-stack
                boolean takesImage = !name.equals("models.ijm") && !name.equals("device-check.ijm")
                        && !name.equals("isotropic.ijm");
                Run r = run(imagej(), Files.readString(m), takesImage ? images.resolve(image).toString() : null);
                assertClean(r);
                assertEquals(0, r.status(), name + ":\n" + r.output());
                String expected = switch (name) {
                    case "models.ijm" -> "microscopy-small";
                    case "device-check.ijm" -> "Device:";
                    case "super-resolution.ijm" -> "128 x 128";
                    case "colorize.ijm" -> "-color: 24-bit";
                    case "isotropic.ijm" -> "stack-isotropic: 48 x 48 x 16";
                    default -> ": 32 x 32";
                };
                assertTrue(r.output().contains(expected), name + " should print '" + expected + "':\n" + r.output());
                if (name.equals("device-check.ijm")) { // the backward pass checked on this machine, in ImageJ's JVM
                    assertTrue(r.output().contains("Gradients (null-text inversion; training's are checked when it "
                            + "starts): correct"), r.output());
                }
            }
        }
    }

    @Test
    void theBatchMacroSavesEachRestorationNotItsSdMap() throws Exception {
        Path in = Files.createDirectories(images.resolve("in"));
        Path out = images.resolve("out");
        Files.copy(images.resolve("gray16.tif"), in.resolve("a.tif"));
        Files.copy(images.resolve("gray8.tif"), in.resolve("b.tif"));
        String args = "input=[" + in + "] output=[" + out + "] command=[Diffusion SDEdit] options=[strength=0.3 steps=4 "
                + "samples=2]";
        Run r = run(imagej(), Files.readString(ROOT.resolve("macros/batch-folder.ijm")), args);
        assertClean(r);
        assertTrue(r.output().contains("Processed 2 image(s)"), r.output());
        Run check = run(imagej(), "open('" + out.resolve("a-sdedit.tif") + "'); print('saved ' + getTitle() + ' '"
                + " + bitDepth());".replace('\'', '"'), null);
        assertTrue(check.output().contains("saved a-sdedit.tif 16"), "the restoration (16-bit), not the 32-bit SD map:\n"
                + check.output());
    }

    @Test
    void fromTheMenuThroughItsDialogToAResultWindow() throws Exception {
        Path shots = Files.createTempDirectory(images, "gui");
        String macro = String.join("\n",
                "List.setCommands;",
                "print('menu command: ' + List.get('Diffusion SDEdit'));",
                "open('" + images.resolve("gray16.tif") + "');",
                "run('Size...', 'width=128 height=128 interpolation=Bilinear');",
                "File.saveString('go', '" + shots.resolve("dialog") + "');",
                "doCommand('Diffusion SDEdit');", // as a click on Plugins > Diffusion > Diffusion SDEdit
                "for (i = 0; i < 600 && nImages < 2; i++) wait(200);",
                "print('result: ' + getTitle() + ' ' + getWidth() + 'x' + getHeight());",
                "File.saveString('go', '" + shots.resolve("result") + "');",
                "for (i = 0; i < 100 && !File.exists('" + shots.resolve("shot") + "'); i++) wait(200);",
                "File.saveString(getInfo('log') + getImageInfo(), '" + shots.resolve("imagej.txt") + "');",
                "while (nImages > 0) { setOption('Changes', false); close(); }",
                "run('Quit');").replace('\'', '"');
        Path file = Files.createTempFile(shots, "gui", ".ijm");
        Files.writeString(file, macro);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder robot = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScreenRobot.class.getName(), shots.toString()).redirectErrorStream(true)
                .redirectOutput(shots.resolve("robot.txt").toFile());
        robot.environment().put("DISPLAY", display.name());
        Process hands = robot.start();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-cp", imagej().toString(), "ij.ImageJ", "-ijpath",
                imagej.toString(), "-macro", file.toString()).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(shots.resolve("console.txt").toFile());
        pb.environment().put("DISPLAY", display.name());
        Process p = pb.start();
        boolean finished = p.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        hands.waitFor(1, TimeUnit.MINUTES);
        hands.destroyForcibly();
        String output = Files.exists(shots.resolve("imagej.txt")) ? Files.readString(shots.resolve("imagej.txt")) : "";
        System.out.println("--- GUI\n" + output + Files.readString(shots.resolve("console.txt"))
                + Files.readString(shots.resolve("robot.txt")));
        assertTrue(finished, "ImageJ did not finish:\n" + output);
        assertTrue(output.contains("menu command: org.diffusionj.plugin.TaskPlugin(\"Diffusion SDEdit\")"), output);
        assertTrue(output.contains("result: gray16-sdedit 128x128"), output);
        assertTrue(output.contains("Macro: run(\"Diffusion SDEdit\""), "the Info holds the macro line:\n" + output);
        Path docs = Files.createDirectories(ROOT.resolve("target/screenshots/imagej"));
        for (String shot : List.of("dialog.png", "result.png")) {
            assertTrue(Files.size(shots.resolve(shot)) > 5000, shot + " looks blank");
            Files.copy(shots.resolve(shot), docs.resolve(shot), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aFailingCommandStopsTheBatchJobWithOneLineInsteadOfADialog() throws Exception {
        Run r = run(imagej(), "run(\"Diffusion Super-Resolution\", \"scale=2\");\nprint(\"went on\");\n", null);
        assertTrue(r.finished(), "hung on an error dialog:\n" + r.output());
        assertTrue(r.output().contains("Error: Diffusion Super-Resolution: no image is open"), r.output());
        assertFalse(r.output().contains("went on"), "the macro stops at the error:\n" + r.output());
    }

    @Test
    void debiansImageJ153tRunsTheCommands() throws Exception {
        Run r = run(ROOT.resolve("target/imagej-versions/ij-1.53t.jar"),
                Files.readString(ROOT.resolve("macros/super-resolution.ijm")), images.resolve("gray16.tif").toString());
        assertClean(r);
        assertTrue(r.output().contains("128 x 128"), r.output());
    }

    @Test
    void anOlderImageJGetsAClearMessageAndNoHang() throws Exception {
        Run r = run(ROOT.resolve("target/imagej-versions/ij-1.52p.jar"),
                Files.readString(ROOT.resolve("macros/super-resolution.ijm")), images.resolve("gray16.tif").toString());
        assertTrue(r.finished(), "hung:\n" + r.output());
        assertTrue(r.output().contains("needs ImageJ 1.53t or later"), r.output());
        assertFalse(r.output().contains("\tat ") || r.output().contains("NoSuchMethodError"), r.output());
    }
}
