package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {

    private static EvalReport sample() {
        EvalReport r = new EvalReport();
        r.add(new EvalReport.Row("a.tif#1", "fluorescence", "super-resolution", "x2", "ours",
                Map.of("psnr", 30.0, "seconds", 1.5)));
        r.add(new EvalReport.Row("a.tif#1", "fluorescence", "super-resolution", "x2", "nearest",
                Map.of("psnr", 25.0)));
        r.add(new EvalReport.Row("b.tif#1", null, "super-resolution", "x2", "ours", Map.of("psnr", 20.0)));
        r.add(new EvalReport.Row("b.tif#1", null, "super-resolution", "x2", "nearest",
                Map.of("psnr", Double.POSITIVE_INFINITY)));
        r.add(new EvalReport.Row("a.tif#1", null, "inpainting", "spots", "ours", Map.of("psnr_mask", 1.0)));
        r.note("super-resolution", "a note");
        return r;
    }

    @Test
    void csvHasAHeaderAndOneLinePerRowWithEmptyCells(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sub/results.csv");
        sample().writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertEquals("image,class,task,setting,method," + String.join(",", EvalReport.MEASURES), lines.get(0));
        assertEquals("a.tif#1,fluorescence,super-resolution,x2,ours,30.0000,,,,,,,,,,,,,1.50000", lines.get(1));
        assertTrue(lines.get(4).contains(",inf,"), lines.get(4));
        assertEquals(lines.get(0).split(",").length, lines.get(1).split(",", -1).length);
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() {
        assertEquals("plain", EvalReport.quoted("plain"));
        assertEquals("\"a, b\"", EvalReport.quoted("a, b"));
        assertEquals("\"say \"\"x\"\"\"", EvalReport.quoted("say \"x\""));
        assertEquals("", EvalReport.quoted(null));
    }

    @Test
    void unknownMeasuresAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new EvalReport.Row("a", null, "t", "s", "m", Map.of("accuracy", 1.0)));
    }

    @Test
    void ratiosAreAveragedGeometricallyAndOtherFiguresArithmetically() {
        List<EvalReport.Row> rows = List.of(
                new EvalReport.Row("a#1", null, "hole", "h", "ours", Map.of("detail_ratio", 64.0, "psnr", 10.0)),
                new EvalReport.Row("b#1", null, "hole", "h", "ours", Map.of("detail_ratio", 0.25, "psnr", 20.0)),
                new EvalReport.Row("c#1", null, "hole", "h", "ours", Map.of("detail_ratio", 0.25, "psnr", 30.0)),
                new EvalReport.Row("a#1", null, "hole", "h", "harmonic", Map.of("detail_ratio", 0.0)),
                new EvalReport.Row("b#1", null, "hole", "h", "harmonic", Map.of("detail_ratio", 0.5)));
        assertEquals(1.587, MarkdownSummary.mean(rows, "ours", "detail_ratio"), 0.001); // (64 / 16)^(1/3)
        assertEquals(20.0, MarkdownSummary.mean(rows, "ours", "psnr"), 1e-12);
        assertEquals(0.0, MarkdownSummary.mean(rows, "harmonic", "detail_ratio"), 0.0);
    }

    @Test
    void summaryAveragesPerMethodCountsWinsAndOrdersTasks() {
        String md = MarkdownSummary.of("Title", sample());
        assertTrue(md.startsWith("## Title"), md);
        assertTrue(md.indexOf("### inpainting (1 crop)") < md.indexOf("### super-resolution (2 crops)"), md);
        assertTrue(md.contains("| x2 | ours | 25.00 | 1.50 |  |"), md);
        assertTrue(md.contains("| x2 | nearest | inf |  | 1/2 |"), md);
        assertTrue(md.contains("- a note"), md);
        assertTrue(md.contains("- PSNR in mask: "), md);
    }
}
