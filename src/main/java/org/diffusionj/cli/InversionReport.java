package org.diffusionj.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import java.util.Locale;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.api.NullTextOptions;
import org.diffusionj.api.Result;
import org.diffusionj.runtime.DeviceChoice;

/**
 * {@code ./diffusion invert [--model M] [--size 64] [--steps 50] [--inner 10] [--guidance 7.5]}: reconstruction
 * quality of the three inversions on held-out test images (target class = source class): PSNR of the
 * reconstruction to the input for plain DDIM inversion + guided sampling, negative-prompt inversion and
 * null-text inversion, with the time of each (Mokady et al. 2023, Table 1 in spirit).
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
        String folder = Bench.option(args, "--images", "test-images");
        System.out.println("machine: " + Bench.machine());
        System.out.printf("%s steps, guidance %s, inner %d, %dx%d crops%n", base.steps, base.guidance, base.inner,
                size, size);
        System.out.println("| image | class | plain DDIM inversion | negative-prompt (fast) | null-text (exact) |");
        System.out.println("|---|---|---|---|---|");
        try (DiffusionEngine engine = DiffusionEngine.open(Bench.option(args, "--model", null),
                DeviceChoice.parse(Bench.option(args, "--device", "auto")))) {
            for (String[] image : IMAGES) {
                Img<FloatType> crop = centreCrop(folder + "/" + image[0], size);
                StringBuilder row = new StringBuilder("| " + image[0] + " | " + image[1] + " |");
                for (String mode : new String[] {"plain", "fast", "exact"}) {
                    NullTextOptions o = copy(base);
                    o.mode = mode;
                    Result r = engine.nullTextEdit(crop, null, image[1], image[1], o, null);
                    row.append(String.format(Locale.ROOT, " %.2f dB (%.0f s) |", psnr(crop, r.image()),
                            r.metrics().get("seconds")));
                }
                System.out.println(row);
            }
        }
        return 0;
    }

    private static NullTextOptions copy(NullTextOptions b) {
        NullTextOptions o = new NullTextOptions();
        o.steps = b.steps;
        o.inner = b.inner;
        o.guidance = b.guidance;
        return o;
    }

    /** PSNR over the truth's own range (max - min). */
    static double psnr(Img<FloatType> truth, Img<FloatType> estimate) {
        var a = truth.cursor();
        var b = estimate.cursor();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double se = 0;
        long n = 0;
        while (a.hasNext()) {
            double t = a.next().get();
            double d = t - b.next().get();
            min = Math.min(min, t);
            max = Math.max(max, t);
            se += d * d;
            n++;
        }
        return 10 * Math.log10((max - min) * (max - min) / (se / n));
    }

    /** The centre crop of an image file as (x, y) or (x, y, 3) floats. */
    static Img<FloatType> centreCrop(String path, int size) {
        ImagePlus imp = IJ.openImage(path);
        if (imp == null) {
            throw new IllegalArgumentException("Cannot read " + path);
        }
        ImageProcessor ip = imp.getProcessor();
        int w = Math.min(size, ip.getWidth());
        int h = Math.min(size, ip.getHeight());
        int x0 = (ip.getWidth() - w) / 2;
        int y0 = (ip.getHeight() - h) / 2;
        int channels = ip.getNChannels();
        float[] out = new float[w * h * channels];
        for (int c = 0; c < channels; c++) {
            FloatProcessor fp = ip.toFloat(c, null);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = fp.getf(x0 + x, y0 + y);
                }
            }
        }
        return channels == 1 ? ArrayImgs.floats(out, w, h) : ArrayImgs.floats(out, w, h, channels);
    }
}
