package org.diffusionj.cli;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/** One labelled PNG-ready picture with a row per command: its name and figures, the input, the result. */
final class CommandSheet {
    private static final int CELL = 256;
    private static final int LABEL = 270;
    private static final int GAP = 10;
    private static final int HEADER = 24;

    private final List<Object[]> rows = new ArrayList<>();

    /** Adds a row; {@code roi} (or null) is outlined on the input; {@code result} null marks a failure. */
    void add(String title, String[] lines, ImagePlus input, Roi roi, ImagePlus result) {
        rows.add(new Object[] {title, lines, input, roi, result});
    }

    /** The sheet as an RGB image. */
    ImagePlus render() {
        int width = LABEL + 2 * (CELL + GAP) + GAP;
        int height = rows.size() * (CELL + HEADER + GAP) + GAP;
        ColorProcessor sheet = new ColorProcessor(width, height);
        sheet.setColor(Color.white);
        sheet.fill();
        sheet.setAntialiasedText(true);
        int y = GAP;
        for (Object[] row : rows) {
            sheet.setColor(Color.black);
            sheet.setFont(new Font("SansSerif", Font.BOLD, 16));
            sheet.drawString((String) row[0], GAP, y + 20);
            sheet.setFont(new Font("SansSerif", Font.PLAIN, 11));
            int ly = y + 42;
            for (String line : (String[]) row[1]) {
                for (String part : wrap(line, 38)) {
                    sheet.drawString(part, GAP, ly);
                    ly += 15;
                }
            }
            int x = LABEL;
            sheet.drawString("input", x, y + 20);
            sheet.drawString(row[4] == null ? "result: failed" : "result", x + CELL + GAP, y + 20);
            place(sheet, picture((ImagePlus) row[2], (Roi) row[3]), x, y + HEADER);
            if (row[4] != null) {
                place(sheet, picture((ImagePlus) row[4], null), x + CELL + GAP, y + HEADER);
            }
            y += CELL + HEADER + GAP;
        }
        return new ImagePlus("contact sheet", sheet);
    }

    /** The image as it is displayed (display range, LUT), the selection outlined in yellow. */
    private static ImageProcessor picture(ImagePlus image, Roi roi) {
        ImageProcessor rgb;
        if (image.getBitDepth() == 24) {
            rgb = image.getProcessor().duplicate();
        } else if (image instanceof CompositeImage ci && ci.getNChannels() == 3) {
            rgb = rgbOf(ci);
        } else {
            rgb = image.getProcessor().convertToRGB();
        }
        if (roi != null) {
            rgb.setColor(Color.yellow);
            rgb.setLineWidth(Math.max(1, image.getWidth() / CELL + 1));
            roi.drawPixels(rgb);
        }
        double f = Math.min((double) CELL / rgb.getWidth(), (double) CELL / rgb.getHeight());
        rgb.setInterpolationMethod(f >= 2 ? ImageProcessor.NONE : ImageProcessor.BILINEAR);
        return rgb.resize((int) Math.round(rgb.getWidth() * f), (int) Math.round(rgb.getHeight() * f));
    }

    /** A red, green, blue composite (a 16- or 32-bit colorization) as 8-bit RGB through its display ranges. */
    private static ImageProcessor rgbOf(CompositeImage image) {
        byte[][] channels = new byte[3][];
        for (int c = 0; c < 3; c++) {
            ImageProcessor ip = image.getStack().getProcessor(c + 1).duplicate();
            LUT lut = image.getChannelLut(c + 1);
            ip.setMinAndMax(lut.min, lut.max);
            channels[c] = (byte[]) ip.convertToByte(true).getPixels();
        }
        ColorProcessor cp = new ColorProcessor(image.getWidth(), image.getHeight());
        cp.setRGB(channels[0], channels[1], channels[2]);
        return cp;
    }

    private static void place(ColorProcessor sheet, ImageProcessor picture, int x, int y) {
        sheet.insert(picture, x + (CELL - picture.getWidth()) / 2, y + (CELL - picture.getHeight()) / 2);
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
