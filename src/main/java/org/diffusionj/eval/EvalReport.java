package org.diffusionj.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of an evaluation, one per image crop x task x setting x method, each with the figures that apply to
 * it (the others are empty), and notes per task; written as CSV.
 */
public final class EvalReport {

    /** The figures a row may carry, in the CSV's column order; {@link #describe} says what each means. */
    public static final List<String> MEASURES = List.of("psnr", "ssim", "psnr_mask", "fill_weight", "detail_ratio",
            "seam_ratio", "consistency", "colourfulness", "colourfulness_truth", "tile_seams", "gain_error", "sigma_error", "slice_ratio", "seconds");

    /** The tasks, in the order the summary shows them. */
    public static final List<String> TASKS = List.of("inpainting", "hole", "super-resolution", "colorization",
            "sdedit", "denoising", "isotropic", "z-consistency", "posterior mean", "tiling");

    /**
     * One measurement.
     *
     * @param image   image name and crop number ("cells-phase.tif#2")
     * @param model   the model's class the image was restored under ("none" = unconditional)
     * @param task    inpainting, hole, super-resolution, colorization, sdedit, posterior mean, tiling
     * @param setting the task's variant ("scratches", "x4 noise 0.03", "strength 0.5")
     * @param method  "ours" or a baseline's name
     * @param values  figures by name, from {@link #MEASURES}
     */
    public record Row(String image, String model, String task, String setting, String method,
            Map<String, Double> values) {

        public Row {
            for (String k : values.keySet()) {
                if (!MEASURES.contains(k)) {
                    throw new IllegalArgumentException("Unknown measure " + k);
                }
            }
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The value of {@code measure}, NaN when the row has none. */
        public double get(String measure) {
            return values.getOrDefault(measure, Double.NaN);
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    public void add(Row row) {
        rows.add(row);
    }

    /** A sentence printed under the task's table in the summary. */
    public void note(String task, String text) {
        notes.computeIfAbsent(task, k -> new ArrayList<>()).add(text);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    public List<String> notes(String task) {
        return notes.getOrDefault(task, List.of());
    }

    /** What a column means, for the summary's legend and the README. */
    public static String describe(String measure) {
        return switch (measure) {
            case "psnr" -> "PSNR (dB) of the whole crop against the ground truth, peak = the truth's range";
            case "ssim" -> "mean SSIM (Wang et al. 2004, Gaussian window 1.5, L = the truth's range)";
            case "psnr_mask" -> "PSNR (dB) inside the defects or the hole only";
            case "fill_weight" -> "weight of the harmonic fill in our inpainting estimate (InverseVarianceBlend;"
                    + " 0 = the draws' mean alone, 1 = the fill alone)";
            case "detail_ratio" -> "Laplacian energy inside the hole (denoising: of the whole crop, one draw) over the truth's (0 = smooth, 1 = real)";
            case "seam_ratio" -> "mean step across the hole's border over the truth's (1 = seamless)";
            case "consistency" -> "RMS of A(result) - observation over the truth's range (A = avg-pool or gray);"
                    + " for inpainting the largest change outside the mask";
            case "colourfulness" -> "Hasler & Suesstrunk (2003) colourfulness of the result (0 for gray)";
            case "colourfulness_truth" -> "the same for the ground truth";
            case "gain_error" -> "denoising: our noise estimate's gain against the camera's, in % (0 = exact)";
            case "sigma_error" -> "denoising: our noise estimate's read noise against the camera's, in %";
            case "tile_seams" -> "mean gradient across tile borders over elsewhere (SeamMetric; 1 = no seam)";
            case "slice_ratio" -> "z-stacks: mean |slice[z+1] - slice[z]| of the result over the truth's (1 = as"
                    + " smooth along z as the truth)";
            case "seconds" -> "wall time of the method";
            default -> throw new IllegalArgumentException(measure);
        };
    }

    /** Writes the rows as CSV (comma separated, a header, empty cells for figures that do not apply). */
    public void writeCsv(Path file) {
        StringBuilder s = new StringBuilder("image,class,task,setting,method," + String.join(",", MEASURES) + "\n");
        for (Row r : rows) {
            for (String field : new String[] {r.image(), r.model(), r.task(), r.setting(), r.method()}) {
                s.append(quoted(field)).append(',');
            }
            s.setLength(s.length() - 1);
            for (String m : MEASURES) {
                double v = r.get(m);
                s.append(',').append(Double.isNaN(v) ? "" : Double.isInfinite(v) ? "inf"
                        : String.format(Locale.ROOT, "%.6g", v));
            }
            s.append('\n');
        }
        write(file, s.toString());
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break; null is empty. */
    static String quoted(String field) {
        if (field == null) {
            return "";
        }
        return field.matches("(?s).*[,\"\r\n].*") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Writes {@code text} to {@code file}, creating its folder. */
    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
