package org.diffusionj.engine.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.noise.NoiseEstimation;
import org.diffusionj.engine.task.Normalization;

/**
 * The user's images as training data for a prior: each image normalised as inference normalises it (the
 * package's percentiles to [-1, 1]), gray replicated to the model's channels, split into training and
 * held-out images, and served as random crops under the eight flips and 90-degree rotations.
 *
 * <p>Every draw is a pure function of (seed, step), so a resumed run sees the same crops as an uninterrupted
 * one and a seed reproduces a run.
 */
public final class TrainingImages {
    /** The fraction of images held out (at least one, when there are two or more). */
    public static final double HELD_OUT = 0.1;
    /** At most this many training planes, spread over the set, are measured by {@link #noiseSd}. */
    static final int NOISE_PLANES = 32;

    private final List<Tensor> training;
    private final List<Tensor> heldOut;
    private final int crop;
    private final boolean heldOutIsTraining;
    private double noiseSd = Double.NaN;

    private TrainingImages(List<Tensor> training, List<Tensor> heldOut, int crop, boolean heldOutIsTraining) {
        this.training = training;
        this.heldOut = heldOut;
        this.crop = crop;
        this.heldOutIsTraining = heldOutIsTraining;
    }

    /** {@link #ofGroups} with every image its own group. */
    public static TrainingImages of(List<Tensor> images, int channels, int crop, double lowPercentile,
            double highPercentile, long seed) {
        List<List<Tensor>> groups = new ArrayList<>();
        for (Tensor image : images) {
            groups.add(List.of(image));
        }
        return ofGroups(groups, channels, crop, lowPercentile, highPercentile, seed);
    }

    /**
     * Normalises the planes of {@code groups} (each [1, C, H, W] in its own units, C = 1 or the model's
     * channels; a group is one file or stack) and holds out about {@link #HELD_OUT} of the groups, chosen by
     * {@code seed}, so that neighbouring slices of one stack never sit on both sides. With a single stack, its
     * last tenth of planes is held out (one contiguous block); with a single plane, the held-out crops come from
     * it too ({@link #heldOutIsTraining}).
     *
     * @throws IllegalArgumentException when no plane is at least {@code crop} pixels in both directions
     */
    public static TrainingImages ofGroups(List<List<Tensor>> groups, int channels, int crop, double lowPercentile,
            double highPercentile, long seed) {
        List<List<Tensor>> usable = new ArrayList<>();
        for (List<Tensor> group : groups) {
            List<Tensor> planes = new ArrayList<>();
            for (Tensor image : group) {
                if (image.height() >= crop && image.width() >= crop) {
                    Normalization n = Normalization.of(image, lowPercentile, highPercentile);
                    planes.add(toChannels(n.normalize(image), channels));
                }
            }
            if (!planes.isEmpty()) {
                usable.add(planes);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no image is at least " + crop + " x " + crop + " pixels (the crop size)");
        }
        if (usable.size() == 1) {
            List<Tensor> planes = usable.get(0);
            if (planes.size() == 1) {
                return new TrainingImages(planes, planes, crop, true);
            }
            int held = Math.max(1, (int) Math.round(HELD_OUT * planes.size()));
            return new TrainingImages(List.copyOf(planes.subList(0, planes.size() - held)),
                    List.copyOf(planes.subList(planes.size() - held, planes.size())), crop, false);
        }
        List<List<Tensor>> shuffled = new ArrayList<>(usable);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            List<Tensor> t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int held = Math.max(1, (int) Math.round(HELD_OUT * shuffled.size()));
        List<Tensor> heldOut = new ArrayList<>();
        List<Tensor> training = new ArrayList<>();
        for (int g = 0; g < shuffled.size(); g++) {
            (g < held ? heldOut : training).addAll(shuffled.get(g));
        }
        return new TrainingImages(List.copyOf(training), List.copyOf(heldOut), crop, false);
    }

    /** A gray image replicated to {@code channels} (R = G = B), or the image itself when it has them. */
    static Tensor toChannels(Tensor image, int channels) {
        if (image.channels() == channels) {
            return image;
        }
        if (image.channels() != 1) {
            throw new IllegalArgumentException("an image with " + image.channels() + " channels cannot feed a "
                    + channels + "-channel model");
        }
        int plane = image.height() * image.width();
        Tensor out = new Tensor(1, channels, image.height(), image.width());
        for (int c = 0; c < channels; c++) {
            System.arraycopy(image.data(), 0, out.data(), c * plane, plane);
        }
        return out;
    }

    /** A batch of {@code size} random training crops for {@code step} of a run seeded {@code seed}. */
    public Tensor batch(int size, long seed, long step) {
        return crops(training, size, new SplittableRandom(mix(seed, step)));
    }

    /** {@code size} fixed held-out crops (the same for every call with the same seed). */
    public Tensor heldOutBatch(int size, long seed) {
        return crops(heldOut, size, new SplittableRandom(mix(seed, -1)));
    }

    /**
     * The noise SD of the training images in model units: for each plane (up to {@value #NOISE_PLANES}, evenly
     * spread), the root mean square over its pixels of the Poisson-Gaussian noise that {@link NoiseEstimation}
     * fits to its first channel; the median over the planes. A plane without measurable noise counts as 0.
     */
    public synchronized double noiseSd() {
        if (Double.isNaN(noiseSd)) {
            int count = Math.min(NOISE_PLANES, training.size());
            double[] sds = new double[count];
            for (int i = 0; i < count; i++) {
                sds[i] = rmsNoise(training.get((int) ((long) i * training.size() / count)));
            }
            Arrays.sort(sds);
            noiseSd = count % 2 == 1 ? sds[count / 2] : (sds[count / 2 - 1] + sds[count / 2]) / 2;
        }
        return noiseSd;
    }

    private static double rmsNoise(Tensor plane) {
        NoiseEstimation.Estimate e = NoiseEstimation.estimate(plane, 0, 0);
        if (!e.hasNoise()) {
            return 0;
        }
        int n = plane.height() * plane.width();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += e.variance(plane.data()[i]);
        }
        return Math.sqrt(sum / n);
    }

    /** Whether the held-out crops come from the training images (only one image was given). */
    public boolean heldOutIsTraining() {
        return heldOutIsTraining;
    }

    public int trainingCount() {
        return training.size();
    }

    public int heldOutCount() {
        return heldOutIsTraining ? 0 : heldOut.size();
    }

    public int crop() {
        return crop;
    }

    private Tensor crops(List<Tensor> images, int size, SplittableRandom random) {
        Tensor[] out = new Tensor[size];
        for (int i = 0; i < size; i++) {
            Tensor image = images.get(random.nextInt(images.size()));
            int y = random.nextInt(image.height() - crop + 1);
            int x = random.nextInt(image.width() - crop + 1);
            out[i] = dihedral(cut(image, y, x), random.nextInt(8));
        }
        return Tensor.stack(out);
    }

    private Tensor cut(Tensor image, int y0, int x0) {
        Tensor out = new Tensor(1, image.channels(), crop, crop);
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < crop; y++) {
                System.arraycopy(image.data(), (c * image.height() + y0 + y) * image.width() + x0, out.data(),
                        (c * crop + y) * crop, crop);
            }
        }
        return out;
    }

    /** One of the eight symmetries of the square: bit 0 flips x, bit 1 flips y, bit 2 transposes. */
    static Tensor dihedral(Tensor square, int kind) {
        int n = square.height();
        Tensor out = new Tensor(1, square.channels(), n, n);
        for (int c = 0; c < square.channels(); c++) {
            int base = c * n * n;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int sy = (kind & 2) != 0 ? n - 1 - y : y;
                    int sx = (kind & 1) != 0 ? n - 1 - x : x;
                    if ((kind & 4) != 0) {
                        int t = sy;
                        sy = sx;
                        sx = t;
                    }
                    out.data()[base + y * n + x] = square.data()[base + sy * n + sx];
                }
            }
        }
        return out;
    }

    private static long mix(long seed, long step) {
        return seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L;
    }
}
