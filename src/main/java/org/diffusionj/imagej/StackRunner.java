package org.diffusionj.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.api.Result;
import org.diffusionj.engine.CancelledException;

/**
 * Runs a task over the chosen planes of an image and assembles the result as a new image. The input is
 * only read (never modified); a cancelled run returns nothing, so no partial image ever appears.
 */
public final class StackRunner {
    private StackRunner() {
    }

    /**
     * What a run made.
     *
     * @param image   the result, not yet shown
     * @param stdDev  the per-pixel standard deviation (32-bit) when several samples were drawn, else null
     * @param metrics the engine's figures, averaged over the planes (see {@link MetricsMean})
     * @param seconds wall time of the run
     */
    public record Output(ImagePlus image, ImagePlus stdDev, Map<String, Double> metrics, double seconds) {
    }

    /**
     * Checks everything that can be checked before a model is opened (the image, the selection, every option) and
     * returns the checked engine call.
     */
    public static DiffusionTask.EngineCall preflight(DiffusionTask task, ImagePlus image, Settings settings) {
        task.check(image, settings);
        mask(task, image);
        return task.prepare(settings);
    }

    /** Runs {@code function} (the task bound to an engine) on {@code image} with {@code settings}. */
    public static Output run(DiffusionTask task, ImagePlus image, Settings settings, PlaneFunction function,
            ImageJProgress progress, String engineInfo) {
        return run(task, image, settings, function, null, progress, engineInfo);
    }

    /**
     * As {@link #run(DiffusionTask, ImagePlus, Settings, PlaneFunction, ImageJProgress, String)}; with
     * {@code stacks} (the task's {@code z=consistent} call, or null) every slice of the current frame (of every
     * frame with {@code stack}) is processed, and the slices of each channel and frame go to {@code stacks}
     * together.
     */
    public static Output run(DiffusionTask task, ImagePlus image, Settings settings, PlaneFunction function,
            StackFunction stacks, ImageJProgress progress, String engineInfo) {
        if (task.volume()) {
            return runVolumes(task, image, settings, function, progress, engineInfo);
        }
        long start = System.nanoTime();
        task.check(image, settings);
        Planes planes = Planes.of(image, settings.flag(Keys.STACK), stacks != null, task.allChannels());
        progress.planes(planes.count());
        float[] mask = mask(task, image);
        int w = image.getWidth();
        int h = image.getHeight();
        RandomAccessibleInterval<FloatType> maskImg = mask == null ? null : SelectionMask.toImg(mask, w, h);
        boolean color16 = task.makesColor() && image.getBitDepth() != 8 && image.getBitDepth() != 24;
        int outDepth = task.makesColor() && !color16 ? 24 : image.getBitDepth();
        List<ImageProcessor> out = new ArrayList<>();
        List<ImageProcessor> sd = new ArrayList<>();
        MetricsMean metrics = new MetricsMean(image.getNChannels());
        ImageStack stack = image.getStack();
        Result[] together = stacks == null ? new Result[planes.count()]
                : together(task, image, planes, stacks, maskImg, progress);
        for (int i = 0; i < planes.count(); i++) {
            if (progress.cancelled()) {
                throw new CancelledException(task.macroName() + " cancelled");
            }
            progress.plane(i);
            int[] p = planes.positions().get(i);
            Result r = together[i] != null ? together[i] : function.apply(task.input(stack.getProcessor(
                    image.getStackIndex(p[0], p[1], p[2]))), maskImg, progress);
            requireFinite(task, r.image());
            // the engine owns the mask: grow, feather and keeping the pixels outside it bit for bit
            Img<FloatType> result = r.image();
            if (task.makesColor() && outDepth != 32) {
                result = ColorGamut.fit(result, outDepth == 16 ? 65535f : 255f);
            }
            if (color16) {
                for (int c = 0; c < 3; c++) {
                    out.add(FloatPlanes.fromFloats(FloatPlanes.channel(result, c), (int) result.dimension(0),
                            (int) result.dimension(1), outDepth));
                }
            } else {
                out.add(FloatPlanes.toProcessor(result, outDepth));
            }
            if (r.stdDev() != null) {
                for (int c = 0; c < FloatPlanes.channels(r.stdDev()); c++) {
                    sd.add(FloatPlanes.fromFloats(FloatPlanes.channel(r.stdDev(), c), (int) r.stdDev().dimension(0),
                            (int) r.stdDev().dimension(1), 32));
                }
            }
            metrics.add(r.metrics(), p[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int scale = task.scale(settings);
        String title = ResultImages.title(image, task.suffix(settings));
        String info = ImageInfo.describe(task, image, settings, planes, engineInfo, metrics.means(), seconds);
        int[] shape = {color16 ? 3 : planes.channels(), planes.slices(), planes.frames()};
        ImagePlus result = ResultImages.assemble(image, title, out, shape, scale, color16, info);
        ImagePlus sdImage = null;
        if (!sd.isEmpty()) {
            int[] sdShape = {sd.size() / (planes.slices() * planes.frames()), planes.slices(), planes.frames()};
            sdImage = ResultImages.assemble(image, title + "-SD", sd, sdShape, scale, false, info);
            sdImage.resetDisplayRange();
        }
        progress.finish(task.macroName() + ": done in " + String.format("%.1f s", seconds));
        return new Output(result, sdImage, metrics.means(), seconds);
    }

    /**
     * The planes of each channel and frame with more than one slice, run together by {@code stacks}; the others'
     * entries stay null.
     */
    private static Result[] together(DiffusionTask task, ImagePlus image, Planes planes, StackFunction stacks,
            RandomAccessibleInterval<FloatType> mask, ImageJProgress progress) {
        Result[] out = new Result[planes.count()];
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < planes.count(); i++) {
            int[] p = planes.positions().get(i);
            groups.computeIfAbsent(List.of(p[0], p[2]), k -> new ArrayList<>()).add(i);
        }
        ImageStack stack = image.getStack();
        for (List<Integer> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            if (progress.cancelled()) {
                throw new CancelledException(task.macroName() + " cancelled");
            }
            progress.plane(group.get(0));
            List<RandomAccessibleInterval<FloatType>> slices = new ArrayList<>();
            for (int i : group) {
                int[] p = planes.positions().get(i);
                slices.add(task.input(stack.getProcessor(image.getStackIndex(p[0], p[1], p[2]))));
            }
            List<Result> results = stacks.apply(slices, mask, progress);
            for (int k = 0; k < group.size(); k++) {
                out[group.get(k)] = results.get(k);
            }
        }
        return out;
    }

    /**
     * A volume task: every channel's z-stack of the current frame (every frame with {@code stack}) goes to the
     * engine whole; the result has {@link DiffusionTask#depthScale} times as many slices and its voxel depth
     * divided by it.
     */
    private static Output runVolumes(DiffusionTask task, ImagePlus image, Settings settings, PlaneFunction function,
            ImageJProgress progress, String engineInfo) {
        long start = System.nanoTime();
        task.check(image, settings);
        int r = task.depthScale(settings);
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = image.getNChannels();
        int slices = image.getNSlices();
        int[] frames = settings.flag(Keys.STACK) ? java.util.stream.IntStream.rangeClosed(1, image.getNFrames())
                .toArray() : new int[] {image.getT()};
        progress.planes(channels * frames.length);
        ImageStack stack = image.getStack();
        ImageProcessor[][][] made = new ImageProcessor[frames.length][slices * r][channels];
        MetricsMean metrics = new MetricsMean(channels);
        int done = 0;
        for (int f = 0; f < frames.length; f++) {
            for (int c = 1; c <= channels; c++) {
                if (progress.cancelled()) {
                    throw new CancelledException(task.macroName() + " cancelled");
                }
                progress.plane(done++);
                float[] volume = new float[w * h * slices];
                for (int z = 1; z <= slices; z++) {
                    float[] plane = FloatPlanes.channel(FloatPlanes.toImg(stack.getProcessor(
                            image.getStackIndex(c, z, frames[f]))), 0);
                    System.arraycopy(plane, 0, volume, (z - 1) * w * h, w * h);
                }
                Result res = function.apply(ArrayImgs.floats(volume, w, h, slices), null, progress);
                requireFinite(task, res.image());
                float[] out = new float[w * h * slices * r];
                int k = 0;
                for (FloatType v : res.image()) {
                    out[k++] = v.get();
                }
                for (int z = 0; z < slices * r; z++) {
                    float[] plane = java.util.Arrays.copyOfRange(out, z * w * h, (z + 1) * w * h);
                    made[f][z][c - 1] = FloatPlanes.fromFloats(plane, w, h, image.getBitDepth());
                }
                metrics.add(res.metrics(), c);
            }
        }
        List<ImageProcessor> ordered = new ArrayList<>();
        for (ImageProcessor[][] frame : made) {
            for (ImageProcessor[] slice : frame) {
                ordered.addAll(List.of(slice));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<int[]> positions = new ArrayList<>();
        for (int t : frames) {
            for (int z = 1; z <= slices; z++) {
                for (int c = 1; c <= channels; c++) {
                    positions.add(new int[] {c, z, t});
                }
            }
        }
        Planes planes = new Planes(positions, channels, slices, frames.length);
        String info = ImageInfo.describe(task, image, settings, planes, engineInfo, metrics.means(), seconds);
        ImagePlus result = ResultImages.assemble(image, ResultImages.title(image, task.suffix(settings)), ordered,
                new int[] {channels, slices * r, frames.length}, 1, false, info);
        result.getCalibration().pixelDepth = image.getCalibration().pixelDepth / r;
        result.getCalibration().zOrigin = image.getCalibration().zOrigin * r;
        progress.finish(task.macroName() + ": done in " + String.format("%.1f s", seconds));
        return new Output(result, null, metrics.means(), seconds);
    }

    /** The selection rasterised (1 inside, 0 outside), or null when the task takes none. */
    private static float[] mask(DiffusionTask task, ImagePlus image) {
        Roi roi = image.getRoi();
        switch (task.selection()) {
            case IGNORED:
                return null;
            case OPTIONAL:
                if (!SelectionMask.isArea(roi)) {
                    return null;
                }
                break;
            default:
                if (!SelectionMask.isArea(roi)) {
                    throw new IllegalArgumentException("an area selection is needed: draw one (rectangle, oval, "
                            + "freehand, composite) on the image and run the command again");
                }
        }
        return SelectionMask.of(roi, image.getWidth(), image.getHeight());
    }

    /** Refuses a result holding NaN or infinite values rather than showing them as black pixels. */
    static void requireFinite(DiffusionTask task, Img<FloatType> result) {
        long bad = 0;
        for (FloatType v : result) {
            if (!Float.isFinite(v.get())) {
                bad++;
            }
        }
        if (bad > 0) {
            throw new IllegalStateException("the model returned " + bad + " invalid (NaN or infinite) values, so no "
                    + "image was made; run " + task.macroName() + " again, with another seed, or fewer steps");
        }
    }
}
