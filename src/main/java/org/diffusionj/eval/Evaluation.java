package org.diffusionj.eval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffusionj.api.DiffusionEngine;

/**
 * Runs every task on every crop: inpainting (thin defects and a large hole), super-resolution x2 / x4 clean and
 * noisy, colorization (RGB crops), SDEdit's strength sweep and the posterior mean (first crop of each image),
 * and a tiling check (first crop of all). The results go to a report and a contact sheet.
 */
public final class Evaluation {

    private final EvalContext ctx;
    private final PrintStream log;

    /** @param log where progress lines go (null for none) */
    private String only;

    public Evaluation(DiffusionEngine engine, EvalSettings settings, PrintStream log) {
        this.ctx = new EvalContext(engine, settings, new EvalReport(), new ContactSheet(Math.max(128,
                settings.size())));
        this.log = log;
    }

    /** Evaluates {@code images}; returns the report (the sheet is {@link #sheet()}). */
    public EvalReport run(List<TestImageSet.Named> images) {
        List<TestImageSet.Crop> crops = new ArrayList<>();
        for (TestImageSet.Named image : images) {
            crops.addAll(TestImageSet.crops(image, ctx.settings.size(), ctx.settings.crops()));
        }
        if (crops.isEmpty()) {
            throw new IllegalArgumentException("No image is at least " + ctx.settings.size() + " pixels wide and high");
        }
        SdEditEval sdedit = new SdEditEval();
        for (int i = 0; i < crops.size(); i++) {
            TestImageSet.Crop crop = crops.get(i);
            String model = ctx.classFor(crop.source().kind());
            progress(i, crops.size(), crop.label() + " (class " + (model == null ? "none" : model) + ")");
            if (runs("inpainting")) {
                InpaintingEval.run(ctx, crop);
            }
            Map<String, EvalContext.Timed> sr = runs("super-resolution") ? SuperResolutionEval.run(ctx, crop) : null;
            if (crop.image().channels() == 3 && runs("colorization")) {
                ColorizationEval.run(ctx, crop);
            }
            if (crop.index() == 1 && runs("sdedit")) {
                sdedit.run(ctx, crop);
            }
            if (runs("denoising")) {
                DenoisingEval.run(ctx, crop);
            }
            if (crop.index() == 1 && sr != null) {
                SamplingChecks.posteriorMean(ctx, crop, sr.get("x4"));
            }
            if (i == 0 && sr != null) {
                SamplingChecks.tiling(ctx, crop, sr.get("x2"));
            }
        }
        if (runs("sdedit")) {
            sdedit.note(ctx);
        }
        if (runs("isotropic")) {
            IsotropicEval.run(ctx);
        }
        if (runs("z-consistency")) {
            ZConsistencyEval.run(ctx);
        }
        return ctx.report;
    }

    /** The sections {@link #only} accepts. */
    public static final java.util.List<String> SECTIONS = java.util.List.of("inpainting", "super-resolution",
            "colorization", "sdedit", "denoising", "isotropic", "z-consistency");

    /** Runs only {@code section} (one of {@link #SECTIONS}; null or "all" for every one). */
    public Evaluation only(String section) {
        if (section != null && !section.equals("all") && !SECTIONS.contains(section)) {
            throw new IllegalArgumentException("--task must be all or one of " + SECTIONS + ", got " + section);
        }
        this.only = section == null || section.equals("all") ? null : section;
        return this;
    }

    private boolean runs(String section) {
        return only == null || only.equals(section);
    }

    public ContactSheet sheet() {
        return ctx.sheet;
    }

    /** The images of the settings: the folder's TIFFs, plus the synthetic image when asked for. */
    public static List<TestImageSet.Named> images(Path folder, EvalSettings settings) {
        List<TestImageSet.Named> images = new ArrayList<>(TestImageSet.read(folder));
        if (settings.synthetic()) {
            images.add(TestImageSet.synthetic());
        }
        return images;
    }

    private void progress(int done, int total, String what) {
        if (log != null) {
            log.printf("[%d/%d] %s%n", done + 1, total, what);
        }
    }
}
