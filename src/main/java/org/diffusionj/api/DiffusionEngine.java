package org.diffusionj.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.DifferentiableDenoiser;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.noise.GeneralizedAnscombe;
import org.diffusionj.engine.noise.NoiseEstimation;
import org.diffusionj.engine.noise.PoissonGaussianNoise;
import org.diffusionj.engine.task.AveragePool;
import org.diffusionj.engine.task.Colorization;
import org.diffusionj.engine.task.Denoising;
import org.diffusionj.engine.task.Inpainting;
import org.diffusionj.engine.task.Masks;
import org.diffusionj.engine.task.ModelSpace;
import org.diffusionj.engine.task.Restoration;
import org.diffusionj.engine.task.RestorationTask;
import org.diffusionj.engine.task.SamplingSetup;
import org.diffusionj.engine.task.SdEdit;
import org.diffusionj.engine.task.SliceStack;
import org.diffusionj.engine.task.SuperResolution;
import org.diffusionj.engine.task.SureBlend;
import org.diffusionj.engine.task.TaskRunner;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.Models;
import org.diffusionj.runtime.TorchRuntime;

/**
 * A model opened on a device, running the restoration and editing tasks.
 *
 * <p>Images are ImgLib2 intervals in the image's own intensity units with dimensions (x, y) for one
 * channel or (x, y, c) with c = 1 or 3. Results keep the input's channel count (a grayscale input runs
 * through the model as R = G = B and comes back as one channel), except colorization (three channels).
 * Masks are (x, y), 1 where the task may change pixels, 0 where it must keep them. The inputs are never
 * modified. Not thread-safe: one engine per thread.
 *
 * <p>Null options mean the defaults; null progress means none. Every input and option is checked before the
 * model runs; a problem is an
 * {@link IllegalArgumentException} whose message names it. Images larger than a tile are processed with
 * per-step tiling ({@link Options#tile}, {@link Options#overlap}, {@link Options#memoryMb}).
 */
public final class DiffusionEngine implements AutoCloseable {

    /** {@link SureBlend}'s divergence probe, in noise SDs. */
    static final double SURE_PROBE = 0.05;
    /**
     * Fewer pixels to denoise than this (a small selection) and the draws' plain mean is returned: one probe's
     * divergence and a choice among the blurs are not to be trusted on a few hundred pixels.
     */
    static final int SURE_MIN_PIXELS = 32 * 32;
    /** The probe's seed, mixed with the run's. */
    private static final long SURE_PROBE_SEED = 0x5EED_5012EL;

    private final ModelManifest model;
    private final DeviceSelection device;
    private final Denoiser network;
    private final boolean ownsNetwork;
    /** The package the network came from (null for {@link #of}); null-text inversion loads it differentiable. */
    private final ModelPackage modelPackage;
    private DifferentiableDenoiser differentiable;

    private DiffusionEngine(ModelManifest model, DeviceSelection device, Denoiser network, boolean ownsNetwork,
            ModelPackage modelPackage) {
        this.modelPackage = modelPackage;
        this.model = model;
        this.device = device;
        this.network = network;
        this.ownsNetwork = ownsNetwork;
    }

    /** Opens {@code model} (a name, a path, or null for the embedded default) on {@code device}. */
    public static DiffusionEngine open(String model, DeviceChoice device) {
        ModelPackage pkg = Models.find(model);
        DeviceSelection selection = TorchRuntime.select(device == null ? DeviceChoice.AUTO : device);
        return new DiffusionEngine(pkg.manifest(), selection, pkg.loadDenoiser(selection), true, pkg);
    }

    /**
     * An engine over a network loaded elsewhere (or a stand-in in tests), described by {@code model}. Closing
     * the engine leaves {@code network} open.
     */
    public static DiffusionEngine of(ModelManifest model, Denoiser network, DeviceSelection device) {
        if (model == null || network == null || device == null) {
            throw new IllegalArgumentException("An engine needs a model description, a network and a device");
        }
        return new DiffusionEngine(model, device, network, false, null);
    }

    public ModelManifest model() {
        return model;
    }

    public DeviceSelection device() {
        return device;
    }

    /**
     * Fills the masked pixels (DDNM projection with the mask operator, optional RePaint resampling; optionally
     * starting from the harmonic fill and, with several draws, weighed against it: see {@link InpaintOptions}).
     */
    public Result inpaint(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            InpaintOptions inpaintOptions, Progress progress) {
        TaskSetup setup = TaskSetup.check(model, inpaintOptions == null ? new InpaintOptions() : inpaintOptions,
                device.isGpu());
        InpaintOptions options = setup.options();
        Tensor x = input(image);
        Tensor known = Masks.knownWeights(ImageConversion.mask(mask, x), options.grow, options.feather);
        return run(new Inpainting(x, known, space(x, options), setup.resampling(), options.start, options.blend),
                setup, progress);
    }

    /** Gray to RGB; the result's gray value (mean of R, G, B) equals the input. */
    public Result colorize(RandomAccessibleInterval<FloatType> gray, Options colorOptions, Progress progress) {
        TaskSetup setup = TaskSetup.check(model, colorOptions == null ? new Options() : colorOptions, device.isGpu());
        Tensor x = input(gray);
        return run(new Colorization(x, space(x, setup.options())), setup, progress);
    }

    /** Super-resolution by {@code scale} (2 or 4); average-pooling the result gives back the input. */
    public Result superResolve(RandomAccessibleInterval<FloatType> image, int scale,
            SuperResolutionOptions srOptions, Progress progress) {
        TaskSetup setup = TaskSetup.check(model, srOptions == null ? new SuperResolutionOptions() : srOptions,
                device.isGpu());
        SuperResolutionOptions options = setup.options();
        Tensor x = ImageConversion.image(image, "image");
        SuperResolution task = new SuperResolution(x, scale, options.noise, space(x, options));
        requireModelSize((long) x.width() * scale, (long) x.height() * scale,
                "x" + scale + " super-resolution of a " + x.width() + " x " + x.height() + " image gives ");
        return run(task, setup, progress);
    }

    /**
     * Denoises under a Poisson-Gaussian noise model, given in {@code options} or estimated from the image (the
     * first channel; with {@code options.offset} the camera's offset, which separates read noise from it), reported in the metrics ({@code gain}, {@code offset}, {@code readSigma},
     * {@code modelSigma}: the stabilised noise in model units). With a mask only the masked pixels change. An
     * image without measurable noise comes back unchanged, with {@code noiseMeasurable} 0.
     */
    public Result denoise(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            DenoiseOptions denoiseOptions, Progress progress) {
        TaskSetup setup = TaskSetup.check(model, denoiseOptions == null ? new DenoiseOptions() : denoiseOptions,
                device.isGpu());
        DenoiseOptions options = setup.options();
        Tensor x = input(image);
        Tensor known = known(mask, x);
        NoiseModel found = NoiseModel.of(options.gain, options.offset, options.sigma,
                () -> NoiseEstimation.estimate(x, 0, 0));
        if (found.noise() == null) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            found.report(metrics);
            return new Result(ImageConversion.img(x), null, metrics);
        }
        Denoising task = Denoising.of(x, known, found.noise(), model.channels(), options.lowPercentile,
                options.highPercentile);
        Result r = options.blend && options.samples > 1
                ? runBlended(List.of(task), slices -> slices.get(0), setup, progress).get(0)
                : run(task, setup, progress);
        found.report(r.metrics());
        r.metrics().put("modelSigma", task.modelSigma());
        return r;
    }

    /**
     * Isotropic reconstruction of a z-stack (x, y, z) whose z spacing is {@code factor} times its pixel size: a
     * stack with {@code factor} times as many slices whose z-average-pooling by {@code factor} gives back the input
     * (see {@link IsotropicReconstruction}). {@code options.noise} is the input's noise level as for
     * super-resolution; several samples are averaged (no SD image). With {@link IsotropicOptions}, {@code denoise}
     * reconstructs a noisy stack under its Poisson-Gaussian noise model, given or
     * estimated from all its xy slices and reported in the metrics ({@code gain}, {@code offset}, {@code readSigma};
     * {@code noiseMeasurable} 0 when it has no measurable noise: then reconstructed as noise-free).
     */
    public Result isotropic(RandomAccessibleInterval<FloatType> volume, int factor, SuperResolutionOptions srOptions,
            Progress progress) {
        TaskSetup setup = TaskSetup.check(model, srOptions == null ? new SuperResolutionOptions() : srOptions,
                device.isGpu());
        SuperResolutionOptions options = setup.options();
        TaskSetup.require(volume != null && volume.numDimensions() == 3, "The volume must have dimensions (x, y, z)");
        TaskSetup.require(factor >= 2 && factor <= 16, "factor must be between 2 and 16, got " + factor);
        requireModelSize(Math.min(volume.dimension(0), volume.dimension(1)), volume.dimension(2) * factor,
                "Its xz and yz slices are ");
        long start = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>();
        AveragePool axial = new AveragePool(factor, 1);
        GeneralizedAnscombe stabilisation = null;
        if (options instanceof IsotropicOptions iso && iso.denoise) {
            // one model for the whole stack, from all its xy slices together
            NoiseModel found = NoiseModel.of(iso.gain, iso.offset, iso.sigma, () -> NoiseEstimation.estimate(
                    IsotropicReconstruction.values(volume), (int) volume.dimension(0), (int) volume.dimension(1),
                    (int) volume.dimension(2)));
            found.report(metrics);
            stabilisation = found.noise() == null ? null : new GeneralizedAnscombe(found.noise());
        }
        GeneralizedAnscombe stabilised = stabilisation;
        SamplingSetup sampling = setup.build(network);
        Img<FloatType> out = IsotropicReconstruction.run(volume, factor, (slice, index, p) -> {
            SuperResolution task = stabilised != null ? SuperResolution.stabilised(slice, axial, stabilised,
                    model.channels(), options.lowPercentile, options.highPercentile)
                    : new SuperResolution(slice, axial, options.noise, space(slice, options));
            TaskRunner runner = new TaskRunner(sampling, (done, total, preview) -> p.step(done, total),
                    p::cancelled);
            return runner.run(task, options.samples,
                    IsotropicReconstruction.sliceSeed(options.seed, index, options.samples)).image();
        }, progress);
        metrics.put("consistencyError", IsotropicReconstruction.consistency(volume, out, axial));
        metrics.put("factor", (double) factor);
        metrics.put("slices", (double) (volume.dimension(0) + volume.dimension(1)));
        metrics.put("seconds", (System.nanoTime() - start) / 1e9);
        if (setup.lowestTimestep() > 0) {
            metrics.put("lowestTimestep", (double) setup.lowestTimestep());
        }
        return new Result(out, null, metrics);
    }

    /**
     * The Poisson-Gaussian noise model of Denoise and of Isotropic with {@code denoise}, and how it is reported in
     * the metrics ({@code noiseMeasurable}, {@code gain}, {@code offset}, {@code readSigma}).
     *
     * @param noise     the model (gain 0: Gaussian noise alone), or null when the data hold no measurable noise
     * @param readSigma the estimate's read noise when there is no model
     */
    private record NoiseModel(PoissonGaussianNoise noise, double readSigma, boolean tooFewPixels) {

        NoiseModel(PoissonGaussianNoise noise, double readSigma) {
            this(noise, readSigma, false);
        }

        /**
         * The model of a given {@code gain} (> 0) with its offset and read noise; Gaussian noise alone for a given
         * {@code sigma} without a gain; otherwise estimated, a nonzero {@code offset} (the camera's) separating the
         * read noise from it.
         */
        static NoiseModel of(double gain, double offset, double sigma, Supplier<NoiseEstimation.Estimate> estimate) {
            if (gain > 0 || sigma > 0) {
                return new NoiseModel(new PoissonGaussianNoise(gain, offset, sigma), sigma);
            }
            NoiseEstimation.Estimate e = estimate.get();
            if (!e.hasNoise()) {
                // unchanged either way; the metrics say whether there was no noise or no way to tell
                return new NoiseModel(null, e.readSigma(), e.tooFewPixels());
            }
            PoissonGaussianNoise model = offset != 0 ? e.model(offset) : e.model();
            return new NoiseModel(model, model.readSigma(), e.tooFewPixels());
        }

        void report(Map<String, Double> metrics) {
            metrics.put("noiseMeasurable", noise == null ? 0.0 : 1.0);
            if (noise != null) {
                metrics.put("gain", noise.gain());
                metrics.put("offset", noise.offset());
            }
            metrics.put("readSigma", readSigma);
            if (tooFewPixels) {
                // too few smooth, unclipped pixels for the signal-dependent fit: Gaussian noise alone, or no estimate
                metrics.put(noise == null ? "noiseNotEstimable" : "noiseGaussianAssumed", 1.0);
            }
        }
    }

    /**
     * {@link #inpaint} on every slice of a z-stack (each (x, y) or (x, y, c), all the same size) under one mask;
     * with {@code options.zConsistent} the slices are sampled together (see {@link #runStack}).
     */
    public List<Result> inpaintStack(List<? extends RandomAccessibleInterval<FloatType>> slices,
            RandomAccessibleInterval<FloatType> mask, InpaintOptions inpaintOptions, Progress progress) {
        InpaintOptions given = inpaintOptions == null ? new InpaintOptions() : inpaintOptions;
        if (!given.zConsistent) {
            return each(slices, s -> inpaint(s, mask, given, progress));
        }
        TaskSetup setup = TaskSetup.check(model, given, device.isGpu());
        InpaintOptions options = setup.options();
        List<Tensor> xs = inputs(slices);
        Tensor known = Masks.knownWeights(ImageConversion.mask(mask, xs.get(0)), options.grow, options.feather);
        ModelSpace space = space(stack(xs), options);
        return runStack(xs.stream().<RestorationTask>map(x -> new Inpainting(x, known, space, setup.resampling(),
                options.start, options.blend)).toList(), setup, progress);
    }

    /** {@link #colorize} on every slice of a z-stack; with {@code options.zConsistent} sampled together. */
    public List<Result> colorizeStack(List<? extends RandomAccessibleInterval<FloatType>> slices,
            Options colorOptions, Progress progress) {
        Options given = colorOptions == null ? new Options() : colorOptions;
        if (!given.zConsistent) {
            return each(slices, s -> colorize(s, given, progress));
        }
        TaskSetup setup = TaskSetup.check(model, given, device.isGpu());
        List<Tensor> xs = inputs(slices);
        ModelSpace space = space(stack(xs), setup.options());
        return runStack(xs.stream().<RestorationTask>map(x -> new Colorization(x, space)).toList(), setup, progress);
    }

    /** {@link #superResolve} on every slice of a z-stack; with {@code options.zConsistent} sampled together. */
    public List<Result> superResolveStack(List<? extends RandomAccessibleInterval<FloatType>> slices, int scale,
            SuperResolutionOptions srOptions, Progress progress) {
        SuperResolutionOptions given = srOptions == null ? new SuperResolutionOptions() : srOptions;
        if (!given.zConsistent) {
            return each(slices, s -> superResolve(s, scale, given, progress));
        }
        TaskSetup setup = TaskSetup.check(model, given, device.isGpu());
        SuperResolutionOptions options = setup.options();
        List<Tensor> xs = new ArrayList<>();
        for (RandomAccessibleInterval<FloatType> slice : requireSlices(slices)) {
            xs.add(ImageConversion.image(slice, "slice"));
        }
        requireSameSize(xs);
        Tensor x0 = xs.get(0);
        requireModelSize((long) x0.width() * scale, (long) x0.height() * scale,
                "x" + scale + " super-resolution of a " + x0.width() + " x " + x0.height() + " image gives ");
        ModelSpace space = space(stack(xs), options);
        return runStack(xs.stream().<RestorationTask>map(x -> new SuperResolution(x, scale, options.noise, space))
                .toList(), setup, progress);
    }

    /** {@link #sdedit} on every slice of a z-stack; with {@code options.zConsistent} sampled together. */
    public List<Result> sdeditStack(List<? extends RandomAccessibleInterval<FloatType>> slices,
            RandomAccessibleInterval<FloatType> mask, double strength, Options editOptions, Progress progress) {
        Options given = editOptions == null ? new Options() : editOptions;
        if (!given.zConsistent) {
            return each(slices, s -> sdedit(s, mask, strength, given, progress));
        }
        TaskSetup setup = TaskSetup.check(model, given, device.isGpu());
        List<Tensor> xs = inputs(slices);
        Tensor known = known(mask, xs.get(0));
        double checked = Options.STRENGTH.check(strength);
        ModelSpace space = space(stack(xs), setup.options());
        return runStack(xs.stream().<RestorationTask>map(x -> new SdEdit(x, known, checked, space)).toList(), setup,
                progress);
    }

    /**
     * {@link #denoise} on every slice of a z-stack; with {@code options.zConsistent} sampled together, under one
     * noise model (given, or estimated from all slices) and one normalisation of the stabilised stack.
     */
    public List<Result> denoiseStack(List<? extends RandomAccessibleInterval<FloatType>> slices,
            RandomAccessibleInterval<FloatType> mask, DenoiseOptions denoiseOptions, Progress progress) {
        DenoiseOptions given = denoiseOptions == null ? new DenoiseOptions() : denoiseOptions;
        if (!given.zConsistent) {
            return each(slices, s -> denoise(s, mask, given, progress));
        }
        TaskSetup setup = TaskSetup.check(model, given, device.isGpu());
        DenoiseOptions options = setup.options();
        List<Tensor> xs = inputs(slices);
        Tensor known = known(mask, xs.get(0));
        NoiseModel found = NoiseModel.of(options.gain, options.offset, options.sigma,
                () -> NoiseEstimation.estimate(firstChannels(xs), xs.get(0).width(), xs.get(0).height(), xs.size()));
        if (found.noise() == null) {
            return each(slices, s -> denoise(s, mask, given, progress));
        }
        PoissonGaussianNoise noise = found.noise();
        ModelSpace space = Denoising.space(stack(xs), noise, model.channels(), options.lowPercentile,
                options.highPercentile);
        List<Denoising> tasks = xs.stream().map(x -> Denoising.of(x, known, noise, space)).toList();
        List<Result> results = options.blend && options.samples > 1
                ? runBlended(tasks, together -> new SliceStack(together, options.zWeight), setup, progress)
                : runStack(List.copyOf(tasks), setup, progress);
        for (Result r : results) {
            found.report(r.metrics());
            r.metrics().put("modelSigma", tasks.get(0).modelSigma());
        }
        return results;
    }

    /** SDEdit at {@code strength} in [0, 1]; with a mask only the masked pixels change. */
    public Result sdedit(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            double strength, Options editOptions, Progress progress) {
        TaskSetup setup = TaskSetup.check(model, editOptions == null ? new Options() : editOptions, device.isGpu());
        Tensor x = input(image);
        Tensor known = known(mask, x);
        return run(new SdEdit(x, known, Options.STRENGTH.check(strength), space(x, setup.options())), setup,
                progress);
    }

    /**
     * Null-text inversion under {@code sourceClass}, then regeneration under {@code targetClass}; with a mask
     * only the masked pixels change. {@code NullTextOptions.mode}: exact (null-text optimisation, default),
     * fast (negative-prompt inversion) or plain (DDIM inversion only, the baseline).
     */
    public Result nullTextEdit(RandomAccessibleInterval<FloatType> image, RandomAccessibleInterval<FloatType> mask,
            String sourceClass, String targetClass, NullTextOptions textOptions, Progress progress) {
        NullTextOptions options = (NullTextOptions) (textOptions == null ? new NullTextOptions() : textOptions)
                .checkedCopy();
        Tensor x = input(image);
        Tensor fill = mask == null ? null : ImageConversion.mask(mask, x);
        TaskSetup.require(fill == null || Masks.changeable(Masks.knownWeights(fill, 0, 0)) > 0,
                "The mask is empty: select the area to edit");
        return NullTextEditing.run(model, differentiable(), x, fill, sourceClass, targetClass, options,
                progress == null ? Progress.NONE : progress);
    }

    /**
     * The slow half of a null-text edit: inverts {@code image} under {@code sourceClass} ({@code options.mode}: exact,
     * fast or plain) for any number of {@link #edit edits}.
     */
    public InvertedImage invert(RandomAccessibleInterval<FloatType> image, String sourceClass,
            NullTextOptions textOptions, Progress progress) {
        NullTextOptions options = (NullTextOptions) (textOptions == null ? new NullTextOptions() : textOptions)
                .checkedCopy();
        return NullTextEditing.invert(model, differentiable(), input(image), sourceClass, options,
                progress == null ? Progress.NONE : progress);
    }

    /**
     * Regenerates {@code inverted} (made by this engine, while open) under {@code targetClass} at {@code strength}
     * (0 reconstructs, 1 = the target class); with a mask only the masked pixels change.
     */
    public Result edit(InvertedImage inverted, RandomAccessibleInterval<FloatType> mask, String targetClass,
            double strength, Progress progress) {
        TaskSetup.require(inverted != null && inverted.model() == model, "The inverted image comes from another "
                + "engine; invert it with this one");
        Tensor fill = mask == null ? null : ImageConversion.mask(mask, inverted.image());
        TaskSetup.require(fill == null || Masks.changeable(Masks.knownWeights(fill, 0, 0)) > 0,
                "The mask is empty: select the area to edit");
        return NullTextEditing.edit(inverted, fill, targetClass, strength, progress == null ? Progress.NONE : progress);
    }

    /** The network loaded so that gradients flow through it (once, on first use). */
    private DifferentiableDenoiser differentiable() {
        if (differentiable == null) {
            if (network instanceof DifferentiableDenoiser d && modelPackage == null) {
                return d;
            }
            TaskSetup.require(modelPackage != null, "Null-text inversion needs a differentiable network");
            differentiable = modelPackage.loadDifferentiableDenoiser(device);
        }
        return differentiable;
    }

    /** The known-pixel weights of a hard mask ((x, y), 1 = may change) for {@code x}; null for no mask. */
    private static Tensor known(RandomAccessibleInterval<FloatType> mask, Tensor x) {
        return mask == null ? null : Masks.knownWeights(ImageConversion.mask(mask, x), 0, 0);
    }

    /** The input as a tensor, checked against the model's minimum size. */
    private Tensor input(RandomAccessibleInterval<FloatType> image) {
        Tensor x = ImageConversion.image(image, "image");
        requireModelSize(x.width(), x.height(), "The image is ");
        return x;
    }

    private void requireModelSize(long width, long height, String what) {
        int min = model.minSize();
        TaskSetup.require(width >= min && height >= min, what + width + " x " + height
                + " pixels; the model needs at least " + min + " x " + min);
    }

    private ModelSpace space(Tensor x, Options options) {
        return ModelSpace.of(x, model.channels(), options.lowPercentile, options.highPercentile);
    }

    private Result run(RestorationTask task, TaskSetup setup, Progress progress) {
        Options options = setup.options();
        Progress p = progress == null ? Progress.NONE : progress;
        TaskRunner runner = new TaskRunner(setup.build(network), (done, total, preview) -> p.step(done, total),
                p::cancelled);
        return result(runner.run(task, options.samples, options.seed), setup);
    }

    /**
     * Denoising whose draws' mean is blended with a blur of the input by {@link SureBlend}: the task runs twice, on
     * the observation and on the observation plus a small Gaussian probe (same seeds), for the estimate's
     * divergence. The probe is {@value #SURE_PROBE} noise SDs: small enough for a local slope, large enough that
     * float rounding does not swamp it (0.01 gave the same eval figures to 0.01 dB). With fewer than
     * {@value #SURE_MIN_PIXELS} pixels to change, the plain mean.
     *
     * @param slices   one plane, or the slices of a z-stack built with one normalisation and noise model (their
     *                 observations then share one noise SD, and one blur and weight are chosen for the stack)
     * @param together the task that samples them: the plane itself, or a {@link SliceStack}
     */
    private List<Result> runBlended(List<Denoising> slices, Function<List<Denoising>, RestorationTask> together,
            TaskSetup setup, Progress progress) {
        Options options = setup.options();
        Progress p = progress == null ? Progress.NONE : progress;
        SamplingSetup sampling = setup.build(network);
        RestorationTask task = together.apply(slices);
        boolean stacked = task instanceof SliceStack;
        Tensor y = stack(slices.stream().map(Denoising::observation).toList());
        Tensor changing = slices.get(0).changing(); // one mask for every slice
        double pixels = (changing == null ? y.height() * y.width() : Tensors.sum(changing)) * slices.size();
        if (pixels < SURE_MIN_PIXELS) {
            Restoration plain = new TaskRunner(sampling, (done, all, preview) -> p.step(done, all), p::cancelled)
                    .run(task, options.samples, options.seed);
            return results(plain, setup, stacked);
        }
        long started = System.nanoTime();
        Restoration r = new TaskRunner(sampling, (done, all, preview) -> p.step(done, 2 * all), p::cancelled)
                .run(task, options.samples, options.seed);
        Tensor probe = new GaussianNoise(options.seed ^ SURE_PROBE_SEED).nextLike(y);
        double sigma = slices.get(0).modelSigma();
        double eps = SURE_PROBE * sigma;
        List<Denoising> probedSlices = new ArrayList<>();
        for (int z = 0; z < slices.size(); z++) {
            probedSlices.add(slices.get(z).probed(Tensors.scale(eps, probe.sample(z))));
        }
        Restoration probed = new TaskRunner(sampling, (done, all, preview) -> p.step(all + done, 2 * all),
                p::cancelled).run(together.apply(probedSlices), options.samples, options.seed);
        SureBlend.Choice choice = SureBlend.choose(y, inObservationUnits(slices, r.image()),
                inObservationUnits(slices, probed.image()), probe, eps, sigma, changing);
        // the draws' mean itself when it wins outright, not its round trip through the observation's units
        Tensor image = choice.weight() == 1 ? r.image()
                : SliceStack.perSlice(choice.estimate(), (z, t) -> slices.get(z).fromObservationUnits(t));
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        // the errors are in the observation's units (the stabilised image, the model's range [-1, 1])
        metrics.put("blendWeight", choice.weight());
        metrics.put("blendBlurSigma", choice.blurSigma());
        metrics.put("estimatedMse", choice.risk());
        metrics.put("estimatedMseDiffusion", choice.diffusionRisk());
        if (choice.blurSigma() > 0) {
            metrics.put("estimatedMseBlur", choice.blurRisk());
        }
        metrics.put("consistencyError", task.consistencyError(image));
        metrics.put("evaluations", r.metrics().get("evaluations") + probed.metrics().get("evaluations"));
        metrics.put("seconds", (System.nanoTime() - started) / 1e9);
        return results(new Restoration(image, r.stdDev(), metrics), setup, stacked);
    }

    /** Each slice's result (batch item z) taken to its observation's units, stacked again. */
    private static Tensor inObservationUnits(List<Denoising> slices, Tensor results) {
        return SliceStack.perSlice(results, (z, t) -> slices.get(z).toObservationUnits(t));
    }

    /** The restoration as the API's result, with the tiling in its metrics. */
    private static Result result(Restoration r, TaskSetup setup) {
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        metrics.put("tile", (double) setup.tile());
        metrics.put("tiles", (double) setup.tiles(r.image().width(), r.image().height()));
        if (setup.lowestTimestep() > 0) {
            metrics.put("lowestTimestep", (double) setup.lowestTimestep());
        }
        return new Result(ImageConversion.img(r.image()), r.stdDev() == null ? null : ImageConversion.img(r.stdDev()),
                metrics);
    }

    /**
     * The slices' tasks (built with the stack's one normalisation) sampled as one batch, coupled by the TV prox
     * along z with {@code options.zWeight} at every step ({@link SliceStack}); one result per slice, each with the
     * run's metrics. The memory is that of all slices at once (tiles are cut per slice, and the batch holds them
     * all).
     */
    private List<Result> runStack(List<RestorationTask> slices, TaskSetup setup, Progress progress) {
        Options options = setup.options();
        Progress p = progress == null ? Progress.NONE : progress;
        TaskRunner runner = new TaskRunner(setup.build(network), (done, total, preview) -> p.step(done, total),
                p::cancelled);
        return results(runner.run(new SliceStack(slices, options.zWeight), options.samples, options.seed), setup,
                true);
    }

    /**
     * The restoration as the API's results: one for a plane; for a stack sampled together one per slice (batch
     * item z), each with the run's metrics and the coupling's.
     */
    private static List<Result> results(Restoration r, TaskSetup setup, boolean stacked) {
        if (!stacked) {
            return List.of(result(r, setup));
        }
        List<Result> out = new ArrayList<>();
        int depth = r.image().batch();
        for (int z = 0; z < depth; z++) {
            Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
            metrics.put("zWeight", setup.options().zWeight);
            metrics.put("slices", (double) depth);
            out.add(result(new Restoration(r.image().sample(z), r.stdDev() == null ? null : r.stdDev().sample(z),
                    metrics), setup));
        }
        return out;
    }

    /** Every slice on its own, through the single-plane method. */
    private static List<Result> each(List<? extends RandomAccessibleInterval<FloatType>> slices,
            Function<RandomAccessibleInterval<FloatType>, Result> run) {
        List<Result> out = new ArrayList<>();
        for (RandomAccessibleInterval<FloatType> slice : requireSlices(slices)) {
            out.add(run.apply(slice));
        }
        return out;
    }

    private static List<? extends RandomAccessibleInterval<FloatType>> requireSlices(
            List<? extends RandomAccessibleInterval<FloatType>> slices) {
        TaskSetup.require(slices != null && !slices.isEmpty()
                && slices.stream().noneMatch(java.util.Objects::isNull),
                "A stack needs at least one slice, and no slice may be null");
        return slices;
    }

    /** The slices as tensors, checked against the model's size and each other. */
    private List<Tensor> inputs(List<? extends RandomAccessibleInterval<FloatType>> slices) {
        List<Tensor> xs = new ArrayList<>();
        for (RandomAccessibleInterval<FloatType> slice : requireSlices(slices)) {
            xs.add(input(slice));
        }
        requireSameSize(xs);
        return xs;
    }

    private static void requireSameSize(List<Tensor> xs) {
        Tensor first = xs.get(0);
        for (Tensor x : xs) {
            TaskSetup.require(java.util.Arrays.equals(x.shape(), first.shape()), "The slices of a stack must all be "
                    + first.width() + " x " + first.height() + " with " + first.channels() + " channel(s), got " + x);
        }
    }

    private static Tensor stack(List<Tensor> xs) {
        return Tensor.stack(xs.toArray(Tensor[]::new));
    }

    /** The first channel of every slice, one plane after another (for one noise estimate of the stack). */
    private static float[] firstChannels(List<Tensor> xs) {
        int plane = xs.get(0).width() * xs.get(0).height();
        float[] out = new float[plane * xs.size()];
        for (int z = 0; z < xs.size(); z++) {
            System.arraycopy(xs.get(z).data(), 0, out, z * plane, plane);
        }
        return out;
    }

    /** Closes the network if the engine opened it. */
    @Override
    public void close() {
        if (ownsNetwork) {
            network.close();
        }
        if (differentiable != null) {
            differentiable.close();
        }
    }
}
