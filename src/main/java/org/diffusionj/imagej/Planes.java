package org.diffusionj.imagej;

import ij.ImagePlus;
import java.util.ArrayList;
import java.util.List;

/**
 * Which planes of an image (stack, hyperstack) a command processes, in ImageJ's stack order (channel
 * fastest, then slice, then frame), and the shape of the result built from them.
 *
 * @param positions the planes as 1-based (channel, slice, frame)
 * @param channels  channels of the result per slice and frame
 * @param slices    slices of the result
 * @param frames    frames of the result
 */
public record Planes(List<int[]> positions, int channels, int slices, int frames) {

    /**
     * The current slice and frame, or every one with {@code all}; every channel, or only the current one.
     */
    public static Planes of(ImagePlus image, boolean all, boolean allChannels) {
        return of(image, all, all, allChannels);
    }

    /**
     * The current frame, or every one with {@code all}; the current slice, or every one with {@code allSlices} (a
     * z-stack processed whole); every channel, or only the current one.
     */
    public static Planes of(ImagePlus image, boolean all, boolean allSlices, boolean allChannels) {
        int[] cs = allChannels ? range(image.getNChannels()) : new int[] {image.getC()};
        int[] zs = all || allSlices ? range(image.getNSlices()) : new int[] {image.getZ()};
        int[] ts = all ? range(image.getNFrames()) : new int[] {image.getT()};
        List<int[]> positions = new ArrayList<>();
        for (int t : ts) {
            for (int z : zs) {
                for (int c : cs) {
                    positions.add(new int[] {c, z, t});
                }
            }
        }
        return new Planes(List.copyOf(positions), cs.length, zs.length, ts.length);
    }

    public int count() {
        return positions.size();
    }

    /** Words for the image Info, e.g. {@code slice 3 of 5} or {@code all 12 planes}. */
    public String describe(ImagePlus image) {
        if (image.getStackSize() == 1) {
            return "single plane";
        }
        if (count() == image.getStackSize()) {
            return "all " + count() + " planes";
        }
        int[] p = positions.get(0);
        return count() + " plane(s) at slice " + p[1] + "/" + image.getNSlices() + ", frame " + p[2] + "/"
                + image.getNFrames();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i + 1;
        }
        return r;
    }
}
