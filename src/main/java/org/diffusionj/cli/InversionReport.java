package org.diffusionj.cli;

import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.InvertedImage;
import org.diffusionj.api.NullTextOptions;
import org.diffusionj.api.Result;
import org.diffusionj.eval.ContactSheet;
import org.diffusionj.eval.FloatImage;
import org.diffusionj.eval.Measures;
import org.diffusionj.eval.TestImageSet;
import org.diffusionj.runtime.DeviceChoice;

/**
 * {@code ./diffusion invert [--model M] [--size 64] [--steps 50] [--inner 10] [--guidance 7.5] [--image FILE]
 * [--edits FILE.png [--strength 1]]}:
 * reconstruction quality of the three inversions on held-out test images (target class = source class): PSNR of
 * the reconstruction to the input for plain DDIM inversion + guided sampling, negative-prompt inversion and
 * null-text inversion, with the time of each (Mokady et al. 2023, Table 1 in spirit). With {@code --edits}, also
 * a contact sheet of null-text edits: each image (as RGB, so colour can appear) inverted once and regenerated
 * under every class (its own class: the reconstruction).
 */
public final class InversionReport {
    /** Test images and the class each shows. */
    static final String[][] IMAGES = {
        {"nuclei-fluorescence-16bit.tif", "fluorescence"},
        {"cells-phase.tif", "brightfield"},
        {"he-histology.tif", "histology"},
    };

    private InversionReport() {
    }

    public static int run(String[] args) {
        int size = Integer.parseInt(Bench.option(args, "--size", "64"));
        NullTextOptions base = new NullTextOptions();
        base.steps = Integer.parseInt(Bench.option(args, "--steps", "50"));
        base.inner = Integer.parseInt(Bench.option(args, "--inner", "10"));
        base.guidance = Double.parseDouble(Bench.option(args, "--guidance", "7.5"));
        base.strength = Double.parseDouble(Bench.option(args, "--strength", "1"));
        String folder = Bench.option(args, "--images", "test-images");
        System.out.println("machine: " + Bench.machine());
        System.out.printf("%s steps, guidance %s, inner %d, %dx%d crops%n", base.steps, base.guidance, base.inner,
                size, size);
        System.out.println("| image | class | plain DDIM inversion | negative-prompt (fast) | null-text (exact) |");
        System.out.println("|---|---|---|---|---|");
        try (DiffusionEngine engine = DiffusionEngine.open(Bench.option(args, "--model", null),
                DeviceChoice.parse(Bench.option(args, "--device", "auto")))) {
            String only = Bench.option(args, "--image", null);
            for (String[] image : IMAGES) {
                if (only != null && !image[0].equals(only)) {
                    continue;
                }
                Img<FloatType> crop = TestImageSet.crops(named(folder, image[0]), size, 1).get(0).image().toImg();
                StringBuilder row = new StringBuilder("| " + image[0] + " | " + image[1] + " |");
                for (String mode : new String[] {"plain", "fast", "exact"}) {
                    NullTextOptions o = copy(base);
                    o.mode = mode;
                    Result r = engine.nullTextEdit(crop, null, image[1], image[1], o, null);
                    row.append(String.format(Locale.ROOT, " %.2f dB (%.0f s%s) |", Measures.psnr(FloatImage.of(crop),
                            FloatImage.of(r.image())), r.metrics().get("seconds"), !mode.equals("exact") ? ""
                            : String.format(Locale.ROOT, "; loss %.1e to %.1e", r.metrics().get("meanInitialLoss"),
                                    r.metrics().get("meanFinalLoss"))));
                }
                System.out.println(row);
            }
            String edits = Bench.option(args, "--edits", null);
            if (edits != null) {
                editSheet(engine, folder, size, base).writePng(Paths.get(edits));
                System.out.println("Wrote " + edits);
            }
        }
        return 0;
    }

    /** Rows: the test images; columns: the input and its null-text edit towards each class (its own: reconstruction). */
    private static ContactSheet editSheet(DiffusionEngine engine, String folder, int size, NullTextOptions base) {
        List<String> classes = engine.model().classes().subList(1, engine.model().classes().size());
        String[] header = new String[classes.size() + 1];
        header[0] = "input";
        for (int k = 0; k < classes.size(); k++) {
            header[k + 1] = "to " + classes.get(k);
        }
        ContactSheet sheet = new ContactSheet(Math.max(128, size), header);
        for (String[] image : IMAGES) {
            FloatImage crop = TestImageSet.crops(named(folder, image[0]), size, 1).get(0).image();
            FloatImage rgb = crop.channels() == 3 ? crop : FloatImage.stack(crop, crop, crop);
            FloatImage[] row = new FloatImage[header.length];
            row[0] = rgb;
            NullTextOptions o = copy(base);
            o.mode = "exact";
            InvertedImage inverted = engine.invert(rgb.toImg(), image[1], o, null);
            double seconds = 0;
            for (int k = 0; k < classes.size(); k++) {
                // the own class at full strength: the reconstruction
                double strength = classes.get(k).equals(image[1]) ? 1 : base.strength;
                Result r = engine.edit(inverted, null, classes.get(k), strength, null);
                row[k + 1] = FloatImage.of(r.image());
                seconds += r.metrics().get("seconds") - inverted.seconds();
            }
            sheet.addRow(new String[] {image[0], "shows " + image[1], String.format(Locale.ROOT,
                    "null-text, %d steps, guidance %s,", base.steps, base.guidance), String.format(Locale.ROOT,
                    "strength %s: inversion %.0f s, edit %.0f s", base.strength, inverted.seconds(),
                    seconds / classes.size())}, row);
        }
        return sheet;
    }

    private static TestImageSet.Named named(String folder, String file) {
        return TestImageSet.read(Paths.get(folder)).stream().filter(n -> n.name().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " is missing from " + folder));
    }

    private static NullTextOptions copy(NullTextOptions b) {
        NullTextOptions o = new NullTextOptions();
        o.steps = b.steps;
        o.inner = b.inner;
        o.guidance = b.guidance;
        o.strength = b.strength;
        return o;
    }

}
