package org.diffusionj.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report as Markdown: per task a table of setting x method with each figure averaged over the crops
 * (PSNR averaged in dB, as is usual), a column saying on how many crops the setting's first method ("ours",
 * or the mean of four draws) beat each other method on the main figure, the task's notes, and a legend.
 */
public final class MarkdownSummary {

    private static final Map<String, String> HEADINGS = Map.ofEntries(Map.entry("psnr", "PSNR"),
            Map.entry("ssim", "SSIM"), Map.entry("psnr_mask", "PSNR in mask"), Map.entry("fill_weight",
                    "fill weight"), Map.entry("detail_ratio", "detail ratio"), Map.entry("seam_ratio", "seam ratio"),
            Map.entry("consistency", "consistency"), Map.entry("colourfulness", "colourfulness"),
            Map.entry("colourfulness_truth", "truth's colourfulness"), Map.entry("tile_seams", "tile seams"),
            Map.entry("gain_error", "gain error %"), Map.entry("sigma_error", "read noise error %"),
            Map.entry("slice_ratio", "slice ratio"),
            Map.entry("seconds", "s"));
    private static final String WINS = "first wins";

    private MarkdownSummary() {
    }

    public static String of(String title, EvalReport report) {
        StringBuilder s = new StringBuilder("## " + title + "\n");
        Set<String> used = new LinkedHashSet<>();
        for (String task : tasks(report.rows())) {
            List<EvalReport.Row> rows = report.rows().stream().filter(r -> r.task().equals(task)).toList();
            List<String> columns = columns(rows);
            used.addAll(columns);
            int crops = distinct(rows, "image").size();
            s.append("\n### ").append(task).append(" (").append(crops).append(crops == 1 ? " crop)\n\n" : " crops)\n\n");
            s.append("| setting | method |");
            columns.forEach(c -> s.append(' ').append(HEADINGS.get(c)).append(" |"));
            s.append(' ').append(WINS).append(" |\n|---|---|").append("---:|".repeat(columns.size() + 1)).append('\n');
            for (String setting : distinct(rows, "setting")) {
                List<EvalReport.Row> same = rows.stream().filter(r -> r.setting().equals(setting)).toList();
                List<String> methods = distinct(same, "method");
                for (String method : methods) {
                    s.append("| ").append(setting).append(" | ").append(method).append(" |");
                    for (String c : columns) {
                        s.append(' ').append(format(c, mean(same, method, c))).append(" |");
                    }
                    s.append(' ').append(method.equals(methods.get(0)) ? "" : wins(same, methods.get(0), method))
                            .append(" |\n");
                }
            }
            report.notes(task).forEach(n -> s.append("\n- ").append(n));
            s.append('\n');
        }
        s.append("\nColumns (means over the crops; geometric means for the ratios):\n");
        EvalReport.MEASURES.stream().filter(used::contains).forEach(c -> s.append("- ").append(HEADINGS.get(c))
                .append(": ").append(EvalReport.describe(c)).append('\n'));
        s.append("- ").append(WINS).append(": on how many crops the setting's first method has a higher PSNR in the"
                + " mask (else PSNR) than this one\n");
        return s.toString();
    }

    /** The tasks in the report's order ({@link EvalReport#TASKS}), unknown ones last. */
    private static List<String> tasks(List<EvalReport.Row> rows) {
        List<String> tasks = distinct(rows, "task");
        tasks.sort(Comparator.comparingInt(t -> EvalReport.TASKS.contains(t) ? EvalReport.TASKS.indexOf(t)
                : EvalReport.TASKS.size()));
        return tasks;
    }

    /** The figures any of the rows carries, in the report's column order. */
    private static List<String> columns(List<EvalReport.Row> rows) {
        return EvalReport.MEASURES.stream().filter(m -> rows.stream().anyMatch(r -> !Double.isNaN(r.get(m))))
                .toList();
    }

    /** Distinct values of a field (task, image, setting, method), in order of appearance. */
    private static List<String> distinct(List<EvalReport.Row> rows, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (EvalReport.Row r : rows) {
            out.add(switch (field) {
                case "task" -> r.task();
                case "image" -> r.image();
                case "setting" -> r.setting();
                default -> r.method();
            });
        }
        return new ArrayList<>(out);
    }

    /** Ratios to the truth, averaged geometrically: one smooth crop's ratio of 60 must not outweigh five near 1. */
    static final Set<String> RATIOS = Set.of("detail_ratio", "seam_ratio", "tile_seams");

    /** The mean over the crops: arithmetic, or geometric for {@link #RATIOS} (0 stays 0). */
    static double mean(List<EvalReport.Row> rows, String method, String measure) {
        boolean geometric = RATIOS.contains(measure);
        double sum = 0;
        int n = 0;
        boolean zero = false;
        for (EvalReport.Row r : rows) {
            double v = r.get(measure);
            if (r.method().equals(method) && !Double.isNaN(v)) {
                zero |= v <= 0;
                sum += geometric ? Math.log(Math.max(v, Double.MIN_NORMAL)) : v;
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        return !geometric ? sum / n : zero ? 0 : Math.exp(sum / n);
    }

    /** "k/n": on k of the n crops both methods have, {@code first} scores higher on the main figure. */
    private static String wins(List<EvalReport.Row> rows, String first, String other) {
        String main = rows.stream().anyMatch(r -> !Double.isNaN(r.get("psnr_mask"))) ? "psnr_mask" : "psnr";
        Map<String, Double> firstScores = new LinkedHashMap<>();
        rows.stream().filter(r -> r.method().equals(first)).forEach(r -> firstScores.put(r.image(), r.get(main)));
        int n = 0;
        int better = 0;
        for (EvalReport.Row r : rows) {
            Double f = firstScores.get(r.image());
            if (r.method().equals(other) && f != null && !Double.isNaN(r.get(main))) {
                n++;
                better += f > r.get(main) ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "%d/%d", better, n);
    }

    static String format(String measure, double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return switch (measure) {
            case "psnr", "psnr_mask", "seconds" -> String.format(Locale.ROOT, "%.2f", v);
            case "ssim", "detail_ratio", "seam_ratio", "tile_seams", "slice_ratio" -> String.format(Locale.ROOT, "%.3f", v);
            case "fill_weight" -> String.format(Locale.ROOT, "%.2f", v);
            case "consistency" -> String.format(Locale.ROOT, "%.1e", v);
            default -> String.format(Locale.ROOT, "%.1f", v);
        };
    }
}
