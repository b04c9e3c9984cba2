package org.diffusionj.eval;

import java.util.Random;

/**
 * The defects microscopists remove, as masks (one boolean per pixel, true = defective), each a few pixels
 * wide and placed by a seeded generator: dead rows and columns of a camera, dropped lines of a line-scanning
 * microscope, scratches on a slide or a cover glass, dust and hot-pixel spots; and a large square hole, where
 * a fill has to invent texture rather than interpolate.
 */
public enum Defects {
    /** Two dead rows (1 and 2 pixels) and one dead column, across the whole image. */
    DEAD_LINES("dead lines"),
    /** Every eighth row partly dropped, as a line scanner loses lines. */
    SCAN_LINES("scan lines"),
    /** Two straight scratches about 2 pixels wide at random angles. */
    SCRATCHES("scratches"),
    /** Small round spots of radius 1 to 2.5 pixels, one per 400 pixels. */
    SPOTS("spots"),
    /** A centred square of 3/8 of the image's side (24 x 24 in a 64 x 64 crop). */
    HOLE("hole");

    private final String label;

    Defects(String label) {
        this.label = label;
    }

    /** The name used in reports. */
    public String label() {
        return label;
    }

    /** The mask for a {@code w x h} image; the same seed gives the same mask. */
    public boolean[] mask(int w, int h, long seed) {
        Random rnd = new Random(seed * 31 + ordinal());
        boolean[] m = new boolean[w * h];
        switch (this) {
            case DEAD_LINES -> {
                fillRect(m, w, 0, rnd.nextInt(h / 2), w, 1);
                fillRect(m, w, 0, h / 2 + rnd.nextInt(h / 2 - 1), w, 2);
                fillRect(m, w, w / 4 + rnd.nextInt(w / 2), 0, 1, h);
            }
            case SCAN_LINES -> {
                for (int y = rnd.nextInt(8); y < h; y += 8) {
                    int length = w / 2 + rnd.nextInt(w / 2 + 1);
                    fillRect(m, w, rnd.nextInt(w - length + 1), y, length, 1);
                }
            }
            case SCRATCHES -> {
                for (int k = 0; k < 2; k++) {
                    double angle = Math.PI * rnd.nextDouble();
                    double cx = w * (0.3 + 0.4 * rnd.nextDouble());
                    double cy = h * (0.3 + 0.4 * rnd.nextDouble());
                    double half = Math.max(w, h);
                    line(m, w, h, cx - half * Math.cos(angle), cy - half * Math.sin(angle),
                            cx + half * Math.cos(angle), cy + half * Math.sin(angle), 1.0);
                }
            }
            case SPOTS -> {
                for (int k = 0; k < Math.max(3, w * h / 400); k++) {
                    disc(m, w, h, w * rnd.nextDouble(), h * rnd.nextDouble(), 1 + 1.5 * rnd.nextDouble());
                }
            }
            case HOLE -> {
                int side = Math.max(1, Math.round(Math.min(w, h) * 3 / 8f));
                fillRect(m, w, (w - side) / 2, (h - side) / 2, side, side);
            }
            default -> throw new IllegalStateException(name());
        }
        return m;
    }

    private static void fillRect(boolean[] m, int w, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                m[y * w + x] = true;
            }
        }
    }

    /** Pixels whose centre lies within {@code halfWidth} of the segment (x0, y0)-(x1, y1). */
    private static void line(boolean[] m, int w, int h, double x0, double y0, double x1, double y1, double halfWidth) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length2 = dx * dx + dy * dy;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2));
                double ex = x0 + t * dx - x;
                double ey = y0 + t * dy - y;
                if (ex * ex + ey * ey <= halfWidth * halfWidth) {
                    m[y * w + x] = true;
                }
            }
        }
    }

    private static void disc(boolean[] m, int w, int h, double cx, double cy, double radius) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    m[y * w + x] = true;
                }
            }
        }
    }

    /** The mask as an (x, y) image of 0 and 1, the engine's convention (1 = change). */
    public static FloatImage asImage(boolean[] mask, int w, int h) {
        FloatImage img = FloatImage.zeros(w, h, 1);
        for (int i = 0; i < mask.length; i++) {
            img.data()[i] = mask[i] ? 1 : 0;
        }
        return img;
    }

    /** Number of true pixels. */
    public static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
