package org.diffusionj.engine.tiling;

import org.diffusionj.engine.Tensor;

/**
 * A seam detector for tiled results: the mean absolute gradient across the lines where tiles start or end,
 * divided by the mean absolute gradient elsewhere. About 1 means the tile borders look like the rest of the
 * image; a visible seam (a step in intensity along a border) makes it clearly larger.
 */
public final class SeamMetric {

    private SeamMetric() {
    }

    /**
     * The ratio for {@code image} ({@code [B, C, H, W]}) tiled by {@code plan}; 1 when the plan has no borders
     * or the image has no gradient at all.
     */
    public static double ratio(Tensor image, TilePlan plan) {
        if (image.width() != plan.width() || image.height() != plan.height()) {
            throw new IllegalArgumentException("The plan is for " + plan.width() + " x " + plan.height()
                    + ", the image is " + image.width() + " x " + image.height());
        }
        boolean[] xBorder = borders(plan.columnStarts(), plan.tiles().get(0).width(), image.width());
        boolean[] yBorder = borders(plan.rowStarts(), plan.tiles().get(0).height(), image.height());
        double[] across = new double[2];
        double[] inside = new double[2];
        for (int b = 0; b < image.batch(); b++) {
            for (int c = 0; c < image.channels(); c++) {
                for (int i = 0; i < image.height(); i++) {
                    for (int j = 0; j < image.width(); j++) {
                        if (j > 0) {
                            add(xBorder[j] ? across : inside, image.get(b, c, i, j) - image.get(b, c, i, j - 1));
                        }
                        if (i > 0) {
                            add(yBorder[i] ? across : inside, image.get(b, c, i, j) - image.get(b, c, i - 1, j));
                        }
                    }
                }
            }
        }
        if (across[1] == 0 || inside[1] == 0 || inside[0] == 0) {
            return 1;
        }
        return (across[0] / across[1]) / (inside[0] / inside[1]);
    }

    /** {@code border[j]}: the step from pixel j - 1 to j crosses a tile's start or end. */
    private static boolean[] borders(int[] starts, int size, int length) {
        boolean[] border = new boolean[length];
        for (int s : starts) {
            if (s > 0) {
                border[s] = true;
            }
            if (s + size < length) {
                border[s + size] = true;
            }
        }
        return border;
    }

    private static void add(double[] acc, double difference) {
        acc[0] += Math.abs(difference);
        acc[1]++;
    }
}
