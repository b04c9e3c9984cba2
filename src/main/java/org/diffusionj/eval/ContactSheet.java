package org.diffusionj.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A labelled PNG with one row per example: ground truth | degraded | baseline | ours. Every picture of a row is
 * shown through the ground truth's intensity range (so brightness compares across the row), enlarged by pixel
 * repetition to a common cell size; masked pixels of a degraded image are painted magenta.
 */
public final class ContactSheet {

    /** One row: a label of up to three lines and four pictures (the baseline may be null). */
    public record Entry(String[] label, FloatImage truth, FloatImage degraded, boolean[] mask, FloatImage baseline,
            FloatImage ours) {
    }

    /** A row as drawn: the label, the pictures (null for an empty cell), the mask outlined on picture 1 or null. */
    private record Row(String[] label, FloatImage[] pictures, boolean[] mask) {
    }

    private static final int LABEL_WIDTH = 270;
    private static final int GAP = 6;
    private static final int LINE = 15;
    private static final int MASK_RGB = 0xff00ff;

    private final int cell;
    private final String[] header;
    private final List<Row> rows = new ArrayList<>();

    /** A sheet of {@link Entry} rows: ground truth, degraded, baseline, ours; {@code cell} is each picture's side. */
    public ContactSheet(int cell) {
        this(cell, "ground truth", "degraded", "baseline", "ours");
    }

    /** A sheet whose rows have one picture per column of {@code header}, shown in the first picture's range. */
    public ContactSheet(int cell, String... header) {
        this.cell = cell;
        this.header = header.clone();
    }

    public void add(Entry e) {
        rows.add(new Row(e.label(), new FloatImage[] {e.truth(), e.degraded(), e.baseline(), e.ours()}, e.mask()));
    }

    /** Adds a row of pictures, one per column (null leaves a cell empty). */
    public void addRow(String[] label, FloatImage... pictures) {
        addRow(label, null, pictures);
    }

    /** Adds a row of pictures, one per column, with {@code mask} (or null) painted on the second picture. */
    public void addRow(String[] label, boolean[] mask, FloatImage... pictures) {
        if (pictures.length != header.length || pictures[0] == null) {
            throw new IllegalArgumentException("A row needs " + header.length + " pictures, the first not null");
        }
        rows.add(new Row(label, pictures.clone(), mask));
    }

    public int size() {
        return rows.size();
    }

    /** The sheet as an RGB image. */
    public BufferedImage render() {
        int width = LABEL_WIDTH + header.length * (cell + GAP) + GAP;
        int height = 2 * LINE + rows.size() * (cell + GAP) + GAP;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        for (int k = 0; k < header.length; k++) {
            g.drawString(header[k], LABEL_WIDTH + k * (cell + GAP) + GAP, LINE + 3);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int y = 2 * LINE;
        for (Row e : rows) {
            for (int i = 0; i < e.label().length; i++) {
                g.drawString(e.label()[i], GAP, y + LINE * (i + 1));
            }
            FloatImage[] pictures = e.pictures();
            double[] range = displayRange(pictures[0]);
            for (int k = 0; k < pictures.length; k++) {
                if (pictures[k] != null) {
                    draw(sheet, pictures[k], k == 1 ? e.mask() : null, range, LABEL_WIDTH + k * (cell + GAP) + GAP, y);
                }
            }
            y += cell + GAP;
        }
        g.dispose();
        return sheet;
    }

    /** Renders and writes the sheet as PNG. */
    public void writePng(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(render(), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static double[] displayRange(FloatImage img) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : img.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max > min ? max : min + 1};
    }

    /** {@code img} enlarged (or reduced) to the cell by nearest neighbour, gray or RGB, at (x0, y0). */
    private void draw(BufferedImage sheet, FloatImage img, boolean[] mask, double[] range, int x0, int y0) {
        for (int y = 0; y < cell; y++) {
            int sy = y * img.height() / cell;
            for (int x = 0; x < cell; x++) {
                int sx = x * img.width() / cell;
                int rgb;
                if (mask != null && mask[sy * img.width() + sx]) {
                    rgb = MASK_RGB;
                } else {
                    rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        rgb = rgb << 8 | level(img.get(sx, sy, Math.min(c, img.channels() - 1)), range);
                    }
                }
                sheet.setRGB(x0 + x, y0 + y, rgb);
            }
        }
    }

    private static int level(double v, double[] range) {
        return (int) Math.max(0, Math.min(255, Math.round(255 * (v - range[0]) / (range[1] - range[0]))));
    }
}
