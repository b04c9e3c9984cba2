package org.diffusionj.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.tiling.SeamMetric;
import org.diffusionj.engine.tiling.TilePlan;

/**
 * Measures the tasks on the held-out test images against naive baselines: super-resolution x2 / x4 of a
 * pooled crop (PSNR vs bilinear), inpainting of a central hole (PSNR inside it vs mean fill), colorization of
 * the RGB images' gray value (PSNR vs gray), SDEdit fidelity, the seam ratio of a tiled run vs an untiled one,
 * and the posterior mean of several draws vs one draw. Every row also reports the data-consistency error and
 * the time. Numbers depend on the model; the guarantees (consistency) do not.
 */
final class QualityHarness {

    /** One measurement; {@code baseline} is NaN where there is none. */
    record Row(String task, String image, String metric, double model, String baselineName, double baseline,
            double consistency, double seconds) {
    }

    private final DiffusionEngine engine;
    private final int size;
    private final int steps;
    private final List<Row> rows = new ArrayList<>();

    QualityHarness(DiffusionEngine engine, int size, int steps) {
        this.engine = engine;
        this.size = size;
        this.steps = steps;
    }

    List<Row> run() {
        for (String name : TestImages.GRAY) {
            measureImage(name);
        }
        for (String name : TestImages.RGB) {
            measureImage(name);
            colorization(name);
        }
        tiling(TestImages.GRAY[0]);
        uncertainty(TestImages.GRAY[0]);
        return rows;
    }

    private <T extends Options> T options(T o, String image) {
        o.steps = steps;
        o.className = classFor(image);
        return o;
    }

    /** The default model's class for an image, when the model knows it. */
    private String classFor(String image) {
        String c = image.contains("histology") ? "histology" : image.contains("fluorescence") ? "fluorescence"
                : "brightfield";
        return engine.model().classes().contains(c) ? c : null;
    }

    private void measureImage(String name) {
        Img<FloatType> truth = TestImages.crop(name, size);
        for (int scale : new int[] {2, 4}) {
            superResolution(name, truth, scale);
        }
        inpainting(name, truth);
        Result r = engine.sdedit(truth, null, 0.3, options(new Options(), name), null);
        add("sdedit 0.3", name, "PSNR to input", QualityMeasures.psnr(Images.values(truth), Images.values(r.image()),
                null), "", Double.NaN, r);
    }

    private void superResolution(String name, Img<FloatType> truth, int scale) {
        int w = (int) truth.dimension(0) / scale * scale;
        int h = (int) truth.dimension(1) / scale * scale;
        int c = truth.numDimensions() == 3 ? 3 : 1;
        float[] t = Images.values(truth);
        float[] low = QualityMeasures.pool(t, w, h, c, scale);
        Img<FloatType> lowImg = c == 1 ? ArrayImgs.floats(low, w / scale, h / scale)
                : ArrayImgs.floats(low, w / scale, h / scale, c);
        Result r = engine.superResolve(lowImg, scale, options(new SuperResolutionOptions(), name), null);
        float[] bilinear = QualityMeasures.upsample(low, w / scale, h / scale, c, scale, true);
        add("super-resolution x" + scale, name, "PSNR", QualityMeasures.psnr(t, Images.values(r.image()), null),
                "bilinear", QualityMeasures.psnr(t, bilinear, null), r);
    }

    private boolean[] hole(long w, long h) {
        boolean[] m = new boolean[(int) (w * h)];
        for (long y = h * 3 / 8; y < h * 5 / 8; y++) {
            for (long x = w * 3 / 8; x < w * 5 / 8; x++) {
                m[(int) (y * w + x)] = true;
            }
        }
        return m;
    }

    private Img<FloatType> maskImage(boolean[] m, long w, long h) {
        float[] f = new float[m.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = m[i] ? 1 : 0;
        }
        return ArrayImgs.floats(f, w, h);
    }

    private void inpainting(String name, Img<FloatType> truth) {
        boolean[] m = hole(truth.dimension(0), truth.dimension(1));
        Result r = engine.inpaint(truth, maskImage(m, truth.dimension(0), truth.dimension(1)),
                options(new InpaintOptions(), name), null);
        float[] t = Images.values(truth);
        add("inpainting", name, "PSNR in hole", QualityMeasures.psnr(t, Images.values(r.image()), m), "mean fill",
                QualityMeasures.psnr(t, QualityMeasures.meanFill(t, m), m), r);
    }

    private void colorization(String name) {
        float[] rgb = Images.values(TestImages.crop(name, size));
        Img<FloatType> truth = TestImages.crop(name, size);
        float[] gray = QualityMeasures.gray(rgb);
        Result r = engine.colorize(ArrayImgs.floats(gray, truth.dimension(0), truth.dimension(1)),
                options(new Options(), name), null);
        add("colorization", name, "PSNR", QualityMeasures.psnr(rgb, Images.values(r.image()), null), "gray",
                QualityMeasures.psnr(rgb, QualityMeasures.replicate(gray), null), r);
    }

    /** x2 super-resolution on tiles of half the output vs in one piece; seam ratio at the same borders. */
    private void tiling(String name) {
        Img<FloatType> low = TestImages.crop(name, size / 2);
        int out = (int) low.dimension(0) * 2;
        int tile = Math.max(engine.model().minSize(), out / 2);
        SuperResolutionOptions tiled = options(new SuperResolutionOptions(), name);
        tiled.tile = tile;
        tiled.overlap = tile / 4;
        Result a = engine.superResolve(low, 2, tiled, null);
        Result b = engine.superResolve(low, 2, options(new SuperResolutionOptions(), name), null);
        TilePlan plan = TilePlan.cover(out, (int) low.dimension(1) * 2, tile, tile / 4);
        add("tiling (SR x2, " + plan.count() + " tiles)", name, "seam ratio", seams(a.image(), plan), "untiled",
                seams(b.image(), plan), a);
    }

    private static double seams(Img<FloatType> img, TilePlan plan) {
        return SeamMetric.ratio(new Tensor(Images.values(img), 1, 1, plan.height(), plan.width()), plan);
    }

    /** Mean of four draws vs one draw, inside an inpainting hole. */
    private void uncertainty(String name) {
        Img<FloatType> truth = TestImages.crop(name, size);
        boolean[] m = hole(truth.dimension(0), truth.dimension(1));
        Img<FloatType> mask = maskImage(m, truth.dimension(0), truth.dimension(1));
        InpaintOptions four = options(new InpaintOptions(), name);
        four.samples = 4;
        Result mean = engine.inpaint(truth, mask, four, null);
        Result one = engine.inpaint(truth, mask, options(new InpaintOptions(), name), null);
        float[] t = Images.values(truth);
        add("posterior mean of 4", name, "PSNR in hole", QualityMeasures.psnr(t, Images.values(mean.image()), m),
                "1 draw", QualityMeasures.psnr(t, Images.values(one.image()), m), mean);
    }

    private void add(String task, String image, String metric, double model, String baselineName, double baseline,
            Result r) {
        rows.add(new Row(task, image, metric, model, baselineName, baseline, r.metrics().get("consistencyError"),
                r.metrics().get("seconds")));
    }

    /** The rows as a Markdown table. */
    static String markdown(String title, List<Row> rows) {
        StringBuilder s = new StringBuilder("# " + title + "\n\n| task | image | metric | model | baseline |"
                + " consistency error | seconds |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s |  %.1e | %.1f |%n", r.task(), r.image(),
                    r.metric(), r.model(), Double.isNaN(r.baseline()) ? "" : String.format(Locale.ROOT, "%.2f (%s)",
                            r.baseline(), r.baselineName()), r.consistency(), r.seconds()));
        }
        return s.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }
}
