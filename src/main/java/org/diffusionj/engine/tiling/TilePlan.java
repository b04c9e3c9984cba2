package org.diffusionj.engine.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Overlapping tiles covering an image, and the smooth weights that blend them (MultiDiffusion, Bar-Tal et al.
 * 2023: each step's model output is the weighted mean of the tiles' outputs where they overlap).
 *
 * <p>Along each axis the tiles all have the tile size (clamped to the image) and are spread evenly from one
 * border to the other, so neighbours overlap by at least {@code overlap} pixels. A tile's weight rises as
 * a raised cosine over {@code overlap} pixels at each edge it shares with a neighbour and is 1 elsewhere; it is
 * never 0, so every pixel has a positive total weight. Immutable.
 */
public final class TilePlan {

    /** Activation memory per model pixel assumed when deriving a tile size from a memory budget. */
    public static final long BYTES_PER_PIXEL = 4096;
    /** Default overlap between tiles, in pixels. */
    public static final int DEFAULT_OVERLAP = 32;

    private final int width;
    private final int height;
    private final int overlap;
    private final Axis x;
    private final Axis y;

    /** One tile: its corner and size in image pixels. */
    public record Tile(int x, int y, int width, int height) {
    }

    private TilePlan(int width, int height, int tile, int overlap) {
        this(width, height, overlap, new Axis(width, Math.min(tile, width), overlap),
                new Axis(height, Math.min(tile, height), overlap));
    }

    private TilePlan(int width, int height, int overlap, Axis x, Axis y) {
        this.width = width;
        this.height = height;
        this.overlap = overlap;
        this.x = x;
        this.y = y;
    }

    /**
     * Tiles of {@code tile x tile} pixels (or the image size, where smaller) overlapping by at least
     * {@code overlap}.
     *
     * @throws IllegalArgumentException for non-positive sizes or an overlap outside [0, tile / 2]
     */
    public static TilePlan cover(int width, int height, int tile, int overlap) {
        if (width < 1 || height < 1 || tile < 1) {
            throw new IllegalArgumentException("Image and tile sizes must be positive, got " + width + " x " + height
                    + " and tile " + tile);
        }
        if (overlap < 0 || 2 * overlap > tile) {
            throw new IllegalArgumentException("overlap must lie in [0, tile / 2] = [0, " + tile / 2 + "], got "
                    + overlap);
        }
        return new TilePlan(width, height, tile, overlap);
    }

    /**
     * The largest tile side (a multiple of 16, at least {@code minSize}) whose activations fit
     * {@code budgetBytes} at {@link #BYTES_PER_PIXEL}: 256 for a 256 MB budget.
     */
    public static int tileForBudget(long budgetBytes, int minSize) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("The memory budget must be positive, got " + budgetBytes + " bytes");
        }
        int side = (int) Math.sqrt((double) budgetBytes / BYTES_PER_PIXEL);
        return Math.max(Math.max(16, minSize), side / 16 * 16);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int overlap() {
        return overlap;
    }

    /**
     * The same tiles on an image {@code factor} times larger (every corner, size and overlap times
     * {@code factor}): where the tiles of a magnified result lie, e.g. blocks of a super-resolved plane. Planning
     * the larger image afresh could round the corners differently.
     */
    public TilePlan scaled(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("The factor must be at least 1, got " + factor);
        }
        return new TilePlan(width * factor, height * factor, overlap * factor, x.scaled(factor), y.scaled(factor));
    }

    /** Whether a single tile covers the whole image (no tiling needed). */
    public boolean isSingle() {
        return x.starts.length == 1 && y.starts.length == 1;
    }

    public int count() {
        return x.starts.length * y.starts.length;
    }

    /** Tiles in row-major order. */
    public List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>();
        for (int ty : y.starts) {
            for (int tx : x.starts) {
                tiles.add(new Tile(tx, ty, x.size, y.size));
            }
        }
        return tiles;
    }

    /** Tile starts along x (they are also the borders where seams would show). */
    public int[] columnStarts() {
        return x.starts.clone();
    }

    /** Tile starts along y. */
    public int[] rowStarts() {
        return y.starts.clone();
    }

    /** The blending weight of every pixel of {@code tile}, row-major {@code [height][width]} flattened. */
    public float[] weights(Tile tile) {
        float[] wx = x.window(tile.x());
        float[] wy = y.window(tile.y());
        float[] w = new float[wx.length * wy.length];
        for (int i = 0; i < wy.length; i++) {
            for (int j = 0; j < wx.length; j++) {
                w[i * wx.length + j] = wx[j] * wy[i];
            }
        }
        return w;
    }

    /** Tile positions and windows along one axis. */
    private static final class Axis {
        final int length;
        final int size;
        final int overlap;
        final int[] starts;

        private Axis(int length, int size, int overlap, int[] starts) {
            this.length = length;
            this.size = size;
            this.overlap = overlap;
            this.starts = starts;
        }

        Axis scaled(int factor) {
            int[] s = new int[starts.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = starts[i] * factor;
            }
            return new Axis(length * factor, size * factor, overlap * factor, s);
        }

        Axis(int length, int size, int overlap) {
            this.length = length;
            this.size = size;
            this.overlap = overlap;
            int count = size >= length ? 1 : (int) Math.ceil((double) (length - size) / (size - overlap)) + 1;
            starts = new int[count];
            for (int i = 0; i < count; i++) {
                starts[i] = count == 1 ? 0 : (int) Math.round((double) i * (length - size) / (count - 1));
            }
        }

        /** Raised-cosine ramps at the edges shared with a neighbour, in (0, 1]. */
        float[] window(int start) {
            float[] w = new float[size];
            boolean before = start > 0;
            boolean after = start + size < length;
            for (int i = 0; i < size; i++) {
                double v = 1;
                if (before && i < overlap) {
                    v = Math.min(v, ramp(i));
                }
                if (after && size - 1 - i < overlap) {
                    v = Math.min(v, ramp(size - 1 - i));
                }
                w[i] = (float) v;
            }
            return w;
        }

        private double ramp(int distance) {
            double s = Math.sin(Math.PI / 2 * (distance + 1) / (overlap + 1));
            return s * s;
        }
    }
}
