package org.diffusionj.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.training.LearningRate;
import org.diffusionj.engine.training.TrainingImages;

/**
 * Continues training a model package's TorchScript denoiser on the user's images, in Java, with the
 * recipe's objective ({@code tools/model/train.py}): the network predicts the package's target (epsilon,
 * v or x0) from x_t = sqrt(a_t) x0 + sqrt(1 - a_t) eps at a uniform timestep (Ho et al. 2020, eq. 14), with
 * classifier-free dropout of the class (Ho &amp; Salimans 2022).
 *
 * <p>The optimiser is ours, not DJL's: DJL's Adam clips gradients one-sided and places epsilon differently from
 * {@code torch.optim.Adam}. Here: the global gradient norm is clipped to {@link Settings#clip}, then Adam exactly as
 * PyTorch writes it (bias-corrected moments, epsilon added to the corrected root; computed by libtorch's fused
 * update with arguments that make it so, see {@link #adam}), with the recipe's warm-up and cosine decay ({@link LearningRate}); an exponential moving
 * average of the weights (decay min(0.999, (1+k)/(10+k))) is what the new package receives. A step whose
 * loss or gradient is not finite is skipped and counted. Every random draw is a function of (seed, step),
 * so the same seed on the same machine gives the same weights, and a resumed run continues bit for bit.
 *
 * <p>Data parallelism on the CPU: libtorch's threads share the small tensors of a training step poorly (on a 2-core
 * Zen 5 one run with two threads made 0.79 steps/s, two runs with one thread each 0.54 each). So with N threads
 * the network is loaded {@link #workers() W} = min(N, batch) times, and each copy computes the gradient of its
 * share of every batch on a thread of its own with N / W threads; the shares' gradients are summed in a fixed
 * order into the first copy's, which the optimiser updates and whose weights are copied into the others before
 * the next batch. The same machine (the same W) gives the same weights; another W sums in another order (float
 * rounding only). On a GPU one copy does the whole batch.
 *
 * <p>Classes: training under a class the package has moves only the weights; a new class name adds a
 * row to the embedding table (started from another row or the mean of the class rows) that is optimised
 * with its own learning rate, so the package keeps its old classes and gains the new one.
 */
public final class PriorTrainer implements AutoCloseable {
    /** The noise levels at which the held-out loss is reported. */
    public static final int[] HELD_OUT_T = {50, 200, 500, 800};
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Overrides the number of network copies that share each batch ({@link #workers()}); for benchmarks and tests. */
    public static final String WORKERS_PROPERTY = "diffusionj.trainWorkers";

    /**
     * How to train.
     *
     * @param className  the class the images are trained under ({@code none}: unconditional)
     * @param startFrom  the row a new class starts from (a class name), or null for the mean of the class rows
     * @param steps      the planned number of optimiser steps (the learning-rate schedule's length)
     * @param batch      crops per step
     * @param lr         the weights' peak learning rate
     * @param classLr    the new class row's peak learning rate
     * @param seed       the seed of every random draw
     * @param cfgDropout the probability of training an item under the null class instead
     * @param clip       the largest global gradient norm
     */
    public record Settings(String className, String startFrom, int steps, int batch, double lr, double classLr,
            long seed, double cfgDropout, double clip) {
        public Settings {
            if (steps < 1 || batch < 1 || !(lr > 0) || !(classLr > 0) || !(cfgDropout >= 0 && cfgDropout < 1)
                    || !(clip > 0)) {
                throw new IllegalArgumentException("training needs steps >= 1, batch >= 1, positive learning rates "
                        + "and clip, and a class dropout in [0, 1)");
            }
        }

        /** The fine-tuning defaults: lr 1e-4 for the weights, 1e-3 for a new class row, batch 8. */
        public static Settings fineTuning(String className, int steps, long seed) {
            return new Settings(className, null, steps, 8, 1e-4, 1e-3, seed, 0.15, 1.0);
        }
    }

    /** The held-out denoising losses at one noise level. */
    public record HeldOutLoss(int t, double predictionMse, double x0Mse) {
    }

    private final ModelPackage source;
    private final TorchScriptDenoiser denoiser;
    private final Block block;
    private final ParameterStore store;
    private final NDManager state;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> ema = new ArrayList<>();
    private final List<NDArray> firstMoment = new ArrayList<>();
    private final List<NDArray> secondMoment = new ArrayList<>();
    private final TrainingImages data;
    private Settings settings;
    private final double[] alphasCumprod;
    private final org.diffusionj.engine.model.PredictionType prediction;
    private final List<String> classes;
    private final float[][] table;
    private final int classIndex;
    /** The trained class row (a new class), its Adam moments and EMA; null when the class exists already. */
    private final NDArray classRow;
    private final NDArray classRowEma;
    private final NDArray classRowM;
    private final NDArray classRowV;
    /** A copy of the averaged weights (and class row) at {@link #bestStep}, or empty. */
    private final List<NDArray> best = new ArrayList<>();
    private int bestStep = -1;
    private int step;
    private int updates;
    private int skipped;
    private double lastLoss = Double.NaN;
    /** The network's copies, each computing the gradient of a share of every batch; the first is {@link #block}. */
    private final List<Replica> replicas = new ArrayList<>();
    /** One thread per copy, or null with a single copy (the calling thread computes the whole batch). */
    private final ExecutorService pool;
    /** The trained arrays' indices, one group per copy's thread (see {@link #forEachTrained}); made on first use. */
    private int[][] arrayGroups;

    /**
     * A copy of the network with its own weights (and new class row) that computes one share of each batch.
     *
     * @param classRow the copy's differentiable class row, or null when no class row is trained
     */
    private record Replica(TorchScriptDenoiser denoiser, ParameterStore store, List<NDArray> weights,
            NDArray classRow, NDManager state) {
        List<NDArray> trained() {
            if (classRow == null) {
                return weights;
            }
            List<NDArray> all = new ArrayList<>(weights);
            all.add(classRow);
            return all;
        }
    }

    private PriorTrainer(ModelPackage source, DeviceSelection device, TrainingImages data, Settings settings) {
        ModelManifest m = source.manifest();
        if (m.conditioning() == org.diffusionj.engine.model.ConditioningKind.TEXT) {
            throw new IllegalArgumentException(m.name() + ": text-conditioned models cannot be trained here");
        }
        if (data.crop() % 8 != 0 || data.crop() < m.minSize()) {
            throw new IllegalArgumentException("the crop must be a multiple of 8 and at least the model's minimum size "
                    + m.minSize() + " pixels, got " + data.crop());
        }
        this.source = source;
        this.data = data;
        this.settings = settings;
        this.prediction = m.prediction();
        this.alphasCumprod = alphasCumprod(m);
        this.denoiser = TorchScriptDenoiser.load(source.denoiserFile(), m.channels(), device, true);
        // the network (and any copies) are native memory outside the JVM's heap: a start that fails after loading
        // them (an unknown class to start from, a copy that does not load) closes them, or they stay for good; the
        // copies' threads likewise
        ExecutorService threads = null;
        try {
            this.block = denoiser.model().getBlock();
            this.store = new ParameterStore(denoiser.model().getNDManager(), false);
            this.state = denoiser.model().getNDManager().newSubManager();
            for (var p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                weights.add(w);
                ema.add(copy(w));
                firstMoment.add(state.zeros(w.getShape(), w.getDataType()));
                secondMoment.add(state.zeros(w.getShape(), w.getDataType()));
            }
            List<String> names = new ArrayList<>(m.isConditional() ? m.classes()
                    : List.of(ModelManifestWriter.NULL_CLASS));
            float[][] rows = m.isConditional() ? m.embeddings() : new float[][] {new float[m.conditionDim()]};
            String name = settings.className().trim();
            int index = indexOf(names, name);
            if (name.equalsIgnoreCase(ModelManifestWriter.NULL_CLASS)) {
                index = 0;
            }
            if (index < 0) {
                if (!m.isConditional()) {
                    throw new IllegalArgumentException(m.name() + " is unconditional: train it with class=none");
                }
                float[] start = settings.startFrom() == null ? meanOfClassRows(rows)
                        : rows[requireIndex(names, settings.startFrom())].clone();
                names.add(name);
                float[][] grown = new float[rows.length + 1][];
                System.arraycopy(rows, 0, grown, 0, rows.length);
                grown[rows.length] = start;
                rows = grown;
                index = rows.length - 1;
                classRow = state.create(start);
                classRow.setRequiresGradient(true);
                classRowEma = state.create(start);
                classRowM = state.zeros(new Shape(start.length));
                classRowV = state.zeros(new Shape(start.length));
            } else {
                classRow = null;
                classRowEma = null;
                classRowM = null;
                classRowV = null;
            }
            this.classes = names;
            this.table = rows;
            this.classIndex = index;
            replicas.add(new Replica(denoiser, store, weights, classRow, state));
            int copies = workersFor(device, settings.batch());
            if (copies > 1) {
                for (int k = 1; k < copies; k++) {
                    TorchScriptDenoiser copy = TorchScriptDenoiser.load(source.denoiserFile(), m.channels(), device,
                            true);
                    NDManager copyState = copy.model().getNDManager().newSubManager();
                    List<NDArray> copyWeights = new ArrayList<>();
                    for (var p : copy.model().getBlock().getParameters()) {
                        copyWeights.add(p.getValue().getArray());
                    }
                    NDArray copyRow = null;
                    if (classRow != null) {
                        copyRow = copyState.create(classRow.toFloatArray());
                        copyRow.setRequiresGradient(true);
                    }
                    replicas.add(new Replica(copy, new ParameterStore(copy.model().getNDManager(), false), copyWeights,
                            copyRow, copyState));
                }
                threads = Executors.newFixedThreadPool(copies, work -> {
                    Thread thread = new Thread(work, "diffusionj-training");
                    thread.setDaemon(true);
                    return thread;
                });
                pool = threads;
                startThreads(Math.max(1, ai.djl.pytorch.jni.JniUtils.getNumThreads() / copies));
            } else {
                pool = null;
            }
        } catch (RuntimeException | Error e) {
            if (threads != null) {
                threads.shutdownNow();
            }
            closeReplicasAndNetwork();
            throw e;
        }
    }

    /**
     * How many copies of the network share each batch: one on a GPU, else min(libtorch's threads, batch), or the
     * value of {@value #WORKERS_PROPERTY}.
     */
    static int workersFor(DeviceSelection device, int batch) {
        String forced = System.getProperty(WORKERS_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            int n = Integer.parseInt(forced.trim());
            if (n < 1) {
                throw new IllegalArgumentException(WORKERS_PROPERTY + " must be at least 1, got " + n);
            }
            return Math.min(n, batch);
        }
        if (device.isGpu()) {
            return 1;
        }
        TorchRuntime.engine();
        return Math.max(1, Math.min(batch, ai.djl.pytorch.jni.JniUtils.getNumThreads()));
    }

    /**
     * Gives each pool thread {@code threadsEach} libtorch threads. libtorch keeps the count per thread (OpenMP) but
     * also as the default for threads that start later, so the calling thread's count is written back afterwards:
     * inference elsewhere in the JVM (Fiji's next command) keeps its threads.
     */
    private void startThreads(int threadsEach) {
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        try {
            onEveryPoolThread(() -> {
                ai.djl.pytorch.jni.JniUtils.getNumThreads(); // libtorch sets up this thread's count first
                ai.djl.pytorch.jni.JniUtils.setNumThreads(threadsEach);
                return threadsEach;
            });
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
        }
    }

    /** libtorch's thread count as each pool thread sees it (empty with a single copy): for tests. */
    int[] poolThreadCounts() {
        return pool == null ? new int[0]
                : onEveryPoolThread(ai.djl.pytorch.jni.JniUtils::getNumThreads).stream().mapToInt(n -> n).toArray();
    }

    /** Runs {@code work} once on each pool thread (a barrier keeps a thread from taking two); returns the results. */
    private <T> List<T> onEveryPoolThread(java.util.concurrent.Callable<T> work) {
        CyclicBarrier all = new CyclicBarrier(replicas.size());
        List<Future<T>> started = new ArrayList<>();
        for (int k = 0; k < replicas.size(); k++) {
            started.add(pool.submit(() -> {
                all.await();
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : started) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the training threads", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a training thread failed: " + e.getCause(), e.getCause());
        }
        return results;
    }

    /** How many copies of the network share each batch (each on a thread of its own); 1 on a GPU. */
    public int workers() {
        return replicas.size();
    }

    /** Prepares training {@code source} on {@code data}; the network is loaded with gradients on. */
    public static PriorTrainer start(ModelPackage source, DeviceSelection device, TrainingImages data,
            Settings settings) {
        return new PriorTrainer(source, device, data, settings);
    }

    /**
     * Changes the planned number of steps (the learning-rate schedule's length), as a time-limited run does
     * once it knows its speed.
     */
    public void replan(int steps) {
        settings = new Settings(settings.className(), settings.startFrom(), steps, settings.batch(), settings.lr(),
                settings.classLr(), settings.seed(), settings.cfgDropout(), settings.clip());
    }

    /** Runs one optimiser step; returns its loss (NaN when the step was skipped as non-finite). */
    public double step() {
        double loss;
        synchronized (TorchScriptDenoiser.class) {
            try (NDScope scope = new NDScope()) {
                loss = loss(step, true);
                List<NDArray> trained = trained();
                double norm2 = sumOverTrained(i -> {
                    try (NDArray g = trained.get(i).getGradient()) {
                        return g.square().sum().getFloat();
                    }
                });
                if (Double.isFinite(loss) && Double.isFinite(norm2)) {
                    update(Math.min(1.0, settings.clip() / (Math.sqrt(norm2) + 1e-6)));
                    updates++;
                } else {
                    skipped++;
                    loss = Double.NaN;
                    zeroGradients();
                }
            }
        }
        step++;
        lastLoss = loss;
        return loss;
    }

    /**
     * The training loss on the batch of {@code batchStep} (its crops, timesteps, class dropout and noise);
     * with {@code backward} the gradients are accumulated into the trained arrays.
     */
    double loss(long batchStep, boolean backward) {
        int b = settings.batch();
        Tensor x0 = data.batch(b, settings.seed(), batchStep);
        SplittableRandom random = new SplittableRandom(settings.seed() * 31 + batchStep * 0x632BE59BD9B4E019L + 7);
        long[] t = new long[b];
        boolean[] nullClass = new boolean[b];
        for (int i = 0; i < b; i++) {
            t[i] = random.nextInt(alphasCumprod.length);
            nullClass[i] = random.nextDouble() < settings.cfgDropout();
        }
        Tensor eps = new GaussianNoise(random.nextLong()).nextLike(x0);
        Tensor[] noisedAndTarget = noise(x0, eps, t);
        synchronized (TorchScriptDenoiser.class) {
            if (replicas.size() == 1) {
                return shareLoss(replicas.get(0), noisedAndTarget, t, nullClass, 0, b, backward);
            }
            copyWeightsToReplicas();
            List<Future<Double>> shares = new ArrayList<>();
            for (int k = 0; k < replicas.size(); k++) {
                Replica r = replicas.get(k);
                int from = k * b / replicas.size();
                int to = (k + 1) * b / replicas.size();
                shares.add(pool.submit(() -> shareLoss(r, noisedAndTarget, t, nullClass, from, to, backward)));
            }
            double loss = 0;
            for (double share : allOf(shares, "a training step")) {
                loss += share; // in order: the sum does not depend on which thread finished first
            }
            if (backward) {
                gatherGradients();
            }
            return loss;
        }
    }

    /**
     * The loss of batch items {@code [from, to)} on copy {@code r}, weighted by their share of the batch so that the
     * shares add up to the batch's mean; with {@code backward} its gradient is accumulated into the copy's arrays.
     * Runs on the thread that calls it (libtorch records gradients per thread).
     */
    private double shareLoss(Replica r, Tensor[] noisedAndTarget, long[] t, boolean[] nullClass, int from, int to,
            boolean backward) {
        Tensor xt = noisedAndTarget[0];
        int per = xt.itemSize();
        Shape shape = new Shape(to - from, xt.channels(), xt.height(), xt.width());
        ai.djl.pytorch.jni.JniUtils.setGradMode(backward);
        // the scope closes what this thread makes outside the share's manager (on a pool thread no caller's scope does)
        try (NDScope scope = new NDScope(); NDManager share = r.state().newSubManager()) {
            NDArray x = share.create(java.util.Arrays.copyOfRange(xt.data(), from * per, to * per), shape);
            NDArray target = share.create(java.util.Arrays.copyOfRange(noisedAndTarget[1].data(), from * per,
                    to * per), shape);
            boolean[] dropped = java.util.Arrays.copyOfRange(nullClass, from, to);
            NDArray cond = conditions(share, r.classRow(), dropped);
            NDArray out = r.denoiser().model().getBlock().forward(r.store(), new NDList(x,
                    share.create(java.util.Arrays.copyOfRange(t, from, to)), cond), backward).head();
            NDArray l = out.sub(target).square().mean();
            if (to - from < t.length) {
                l = l.mul((float) ((to - from) / (double) t.length));
            }
            if (backward && r.classRow() != null && allTrue(dropped)) {
                l = l.add(r.classRow().sum().mul(0f)); // the row's gradient is then 0, not undefined
            }
            if (backward) {
                ai.djl.pytorch.jni.JniUtils.backward((ai.djl.pytorch.engine.PtNDArray) l,
                        (ai.djl.pytorch.engine.PtNDArray) share.ones(l.getShape()), false, false);
            }
            return l.getFloat();
        } catch (ai.djl.engine.EngineException e) {
            throw new IllegalStateException(source.denoiserFile() + ": the model failed on a training batch of "
                    + data.crop() + " px crops: " + TorchScriptDenoiser.firstLine(e.getMessage()), e);
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        }
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }

    /** The weights (and class row) the optimiser moved, or a gradient check perturbed, into every other copy. */
    private void copyWeightsToReplicas() {
        forEachCopied((trained, copy) -> assign(copy, trained));
    }

    /** Adds the other copies' gradients to the first copy's, copy by copy in order, and clears theirs. */
    private void gatherGradients() {
        forEachCopied((trained, copy) -> {
            try (NDArray g = copy.getGradient(); NDArray sum = trained.getGradient()) {
                sum.addi(g);
                g.set(new NDIndex(":"), 0);
            }
        });
    }

    /** Runs {@code work} on each trained array and its counterpart in every other copy, copies in order. */
    private void forEachCopied(java.util.function.BiConsumer<NDArray, NDArray> work) {
        List<NDArray> master = trained();
        List<List<NDArray>> copies = replicas.subList(1, replicas.size()).stream().map(Replica::trained).toList();
        forEachTrained(i -> {
            for (List<NDArray> copy : copies) {
                work.accept(master.get(i), copy.get(i));
            }
        });
    }

    /**
     * Runs {@code work} on every trained array's index, recording off. Between the copies' forward and backward
     * passes one thread would otherwise update some 150 small arrays while the others wait (about a sixth of a
     * step on 2 cores): with several copies the arrays are split into one group per copy, of about equal size,
     * each done on a pool thread. Each array is always worked on by one thread, in the same order.
     */
    private void forEachTrained(java.util.function.IntConsumer work) {
        sumOverTrained(i -> {
            work.accept(i);
            return 0;
        });
    }

    /** The sum of {@code term} over the trained arrays' indices, run as {@link #forEachTrained}; the same order every time. */
    private double sumOverTrained(java.util.function.IntToDoubleFunction term) {
        if (pool == null) {
            return sumOverGroup(term, java.util.stream.IntStream.range(0, trained().size()).toArray());
        }
        List<Future<Double>> parts = new ArrayList<>();
        for (int[] group : arrayGroups()) {
            parts.add(pool.submit(() -> sumOverGroup(term, group)));
        }
        double sum = 0;
        for (double part : allOf(parts, "the update of the weights")) {
            sum += part; // in group order
        }
        return sum;
    }

    /**
     * The results of {@code work} in order, once every one of them has ended: when one fails the others still
     * work on the network's arrays, which must not be freed (by {@link #close}) under them.
     */
    static <T> List<T> allOf(List<Future<T>> work, String what) {
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<T> f : work) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // waited for all the same; the interrupt is passed on below
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = new IllegalStateException("interrupted during " + what);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static double sumOverGroup(java.util.function.IntToDoubleFunction term, int[] group) {
        gradientRecordingOff(); // per thread: the updates in place must not be recorded
        double sum = 0;
        try (NDScope scope = new NDScope()) {
            for (int i : group) {
                sum += term.applyAsDouble(i);
            }
        }
        return sum;
    }

    /** The trained arrays' indices in one group per copy, largest arrays first to the group with the fewest elements. */
    private int[][] arrayGroups() {
        if (arrayGroups == null) {
            List<NDArray> trained = trained();
            Integer[] bySize = new Integer[trained.size()];
            for (int i = 0; i < bySize.length; i++) {
                bySize[i] = i;
            }
            java.util.Arrays.sort(bySize, (a, b) -> Long.compare(trained.get(b).size(), trained.get(a).size()));
            List<List<Integer>> groups = new ArrayList<>();
            long[] elements = new long[replicas.size()];
            for (int g = 0; g < elements.length; g++) {
                groups.add(new ArrayList<>());
            }
            for (int i : bySize) {
                int lightest = 0;
                for (int g = 1; g < elements.length; g++) {
                    if (elements[g] < elements[lightest]) {
                        lightest = g;
                    }
                }
                groups.get(lightest).add(i);
                elements[lightest] += trained.get(i).size();
            }
            arrayGroups = groups.stream().map(g -> g.stream().sorted().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
        }
        return arrayGroups;
    }

    /**
     * The {@link GradientCheck} of the training loss on one batch of its own, along the gradient of all trained
     * arrays (the weights and a new class row). The weights are restored bit for bit and the gradients cleared, so a
     * checked run trains exactly as an unchecked one.
     *
     * @param batch which check batch (1, 2, ...): each has crops, timesteps and noise of its own
     */
    public GradientCheck checkGradient(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("check batches are numbered from 1, got " + batch);
        }
        synchronized (TorchScriptDenoiser.class) {
            long batchStep = -batch; // batches of their own: no training step's draws are consumed
            try (NDScope scope = new NDScope(); NDManager saved = state.newSubManager()) {
                double loss = loss(batchStep, true);
                gradientRecordingOff();
                List<NDArray> arrays = trained();
                List<NDArray> gradients = new ArrayList<>();
                List<NDArray> originals = new ArrayList<>();
                double norm2 = 0;
                double weights2 = 0;
                for (NDArray w : arrays) {
                    weights2 += w.square().sum().getFloat();
                    NDArray g = w.getGradient().duplicate();
                    g.attach(saved);
                    gradients.add(g);
                    NDArray o = w.duplicate();
                    o.attach(saved);
                    originals.add(o);
                    norm2 += g.square().sum().getFloat();
                }
                zeroGradients();
                double norm = Math.sqrt(norm2);
                try {
                    return GradientCheck.alongGradient(loss, norm, Math.sqrt(weights2), along -> {
                        for (int i = 0; i < arrays.size(); i++) {
                            assign(arrays.get(i), originals.get(i).add(gradients.get(i).mul((float) (along / norm))));
                        }
                        return loss(batchStep, false);
                    });
                } finally {
                    for (int i = 0; i < arrays.size(); i++) {
                        assign(arrays.get(i), originals.get(i)); // bit for bit, whatever happened
                    }
                }
            }
        }
    }

    /** Clears the accumulated gradients; a fill, not a product, so that a NaN gradient cannot survive it. */
    void zeroGradients() {
        List<NDArray> trained = trained();
        forEachTrained(i -> clearGradient(trained.get(i)));
    }

    private static void clearGradient(NDArray w) {
        try (NDArray g = w.getGradient()) {
            g.set(new NDIndex(":"), 0);
        }
    }

    /**
     * libtorch records gradients per thread and DJL switches recording off only on the thread that started the
     * engine; ImageJ runs every command on a new thread. Updates of the weights in place must not be recorded.
     */
    private static void gradientRecordingOff() {
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }

    /** Sets the first weight's gradient to NaN: a non-finite step, for tests. */
    void poisonGradientForTest() {
        loss(step, true);
        gradientRecordingOff();
        weights.get(0).getGradient().set(new NDIndex(":"), Float.NaN);
    }

    /** The accumulated gradient of the new class row (tests compare it with finite differences). */
    float[] classRowGradient() {
        return classRow.getGradient().toFloatArray();
    }

    /** Adds {@code delta} to component {@code k} of the new class row (for finite differences). */
    void nudgeClassRow(int k, float delta) {
        nudge(classRow, k, delta);
    }

    /** The number of trained weight arrays (the class row apart). */
    int weightArrays() {
        return weights.size();
    }

    /** The accumulated gradient of trained weight array {@code i}, flattened. */
    float[] weightGradient(int i) {
        return weights.get(i).getGradient().toFloatArray();
    }

    /** Adds {@code delta} to component {@code k} (flattened) of trained weight array {@code i}. */
    void nudgeWeight(int i, int k, float delta) {
        nudge(weights.get(i), k, delta);
    }

    private void nudge(NDArray array, int k, float delta) {
        gradientRecordingOff();
        float[] values = array.toFloatArray();
        values[k] += delta;
        try (NDManager m = state.newSubManager()) {
            assign(array, m.create(values, array.getShape()));
        }
    }

    /** Remembers the averaged weights as they are now (the caller judged them the best so far). */
    public void keepAsBest() {
        gradientRecordingOff();
        List<NDArray> now = new ArrayList<>(ema);
        if (classRowEma != null) {
            now.add(classRowEma);
        }
        if (best.isEmpty()) {
            for (NDArray a : now) {
                best.add(copy(a));
            }
        } else {
            for (int i = 0; i < now.size(); i++) {
                assign(best.get(i), now.get(i));
            }
        }
        bestStep = step;
    }

    /** Puts the weights kept by {@link #keepAsBest} back as the averaged weights; returns their step. */
    public int restoreBest() {
        gradientRecordingOff();
        if (bestStep < 0) {
            throw new IllegalStateException("no weights were kept");
        }
        for (int i = 0; i < ema.size(); i++) {
            assign(ema.get(i), best.get(i));
        }
        if (classRowEma != null) {
            assign(classRowEma, best.get(ema.size()));
        }
        return bestStep;
    }

    /** A prediction of the network with the averaged (EMA) weights: what the saved package computes. */
    public Tensor predictAveraged(Tensor x, long[] t) {
        float[][] cond = new float[x.batch()][];
        java.util.Arrays.fill(cond, averagedTable()[classIndex]);
        Tensor[] out = new Tensor[1];
        withAveragedWeights(() -> out[0] = denoiser.predict(x, t, cond));
        return out[0];
    }

    /** x_t and the network's target (epsilon, v or x0) for clean crops {@code x0}, noise and timesteps. */
    private Tensor[] noise(Tensor x0, Tensor eps, long[] t) {
        int per = x0.channels() * x0.height() * x0.width();
        Tensor xt = new Tensor(x0.batch(), x0.channels(), x0.height(), x0.width());
        Tensor target = new Tensor(x0.batch(), x0.channels(), x0.height(), x0.width());
        for (int i = 0; i < x0.batch(); i++) {
            double a = alphasCumprod[(int) t[i]];
            double sa = Math.sqrt(a);
            double sb = Math.sqrt(1 - a);
            for (int k = i * per; k < (i + 1) * per; k++) {
                double x = x0.data()[k];
                double e = eps.data()[k];
                xt.data()[k] = (float) (sa * x + sb * e);
                target.data()[k] = (float) prediction.target(x, e, a);
            }
        }
        return new Tensor[] {xt, target};
    }

    /**
     * The condition vectors of a batch; the trained class row enters as the differentiable array itself ({@code row},
     * the copy's own).
     */
    private NDArray conditions(NDManager batch, NDArray trainedRow, boolean[] nullClass) {
        NDList rows = new NDList();
        for (boolean dropped : nullClass) {
            int row = dropped ? 0 : classIndex;
            if (trainedRow != null && row == classIndex) {
                rows.add(trainedRow);
            } else {
                rows.add(batch.create(table[row]));
            }
        }
        return NDArrays.stack(rows);
    }

    /** The trained arrays: the weights, and a new class row last. */
    private List<NDArray> trained() {
        return replicas.get(0).trained();
    }

    /**
     * Gradient scaling (clipping), Adam as torch.optim.Adam, then the EMA, and the gradients cleared; runs with
     * gradient recording off.
     */
    private void update(double gradientScale) {
        int k = updates + 1; // Adam's step count: skipped steps do not count, as in torch.optim.Adam
        double rate = LearningRate.at(settings.lr(), step, settings.steps());
        double classRate = LearningRate.at(settings.classLr(), step, settings.steps());
        double decay = Math.min(0.999, (1.0 + step) / (10.0 + step));
        forEachTrained(i -> {
            if (i < weights.size()) {
                adam(weights.get(i), firstMoment.get(i), secondMoment.get(i), gradientScale, rate, k);
                averageInto(ema.get(i), weights.get(i), decay);
                clearGradient(weights.get(i));
            } else {
                adam(classRow, classRowM, classRowV, gradientScale, classRate, k);
                averageInto(classRowEma, classRow, decay);
                clearGradient(classRow);
            }
        });
    }

    /**
     * One step of {@code torch.optim.Adam} on {@code w} from its gradient times {@code gradientScale}, in a single
     * native call (DJL's {@code JniUtils.adamUpdate}: about a dozen libtorch operations without a round trip to
     * Java for each). That call computes {@code w -= s m / (sqrt(v) + e)} with {@code m, v} the uncorrected
     * moments; PyTorch writes {@code w -= (rate / c1) m / (sqrt(v) / sqrt(c2) + eps)} with {@code c1, c2} the bias
     * corrections, so {@code s = rate sqrt(c2) / c1} and {@code e = eps sqrt(c2)} make it PyTorch's update. No
     * clipping there (its clip is one-sided; ours is the global norm, already in {@code gradientScale}), no decay.
     */
    static void adam(NDArray w, NDArray m, NDArray v, double gradientScale, double rate, int k) {
        double correction1 = 1 - Math.pow(BETA1, k);
        double rootCorrection2 = Math.sqrt(1 - Math.pow(BETA2, k));
        try (NDArray gradient = w.getGradient()) {
            ai.djl.pytorch.jni.JniUtils.adamUpdate(pt(w), pt(gradient), pt(m), pt(v), (float) rate,
                    (float) (rate * rootCorrection2 / correction1), 0f, (float) gradientScale, -1f, (float) BETA1,
                    (float) BETA2, (float) (EPSILON * rootCorrection2), false);
        }
    }

    private static ai.djl.pytorch.engine.PtNDArray pt(NDArray a) {
        return (ai.djl.pytorch.engine.PtNDArray) a;
    }

    private static void averageInto(NDArray average, NDArray value, double decay) {
        average.muli((float) decay).addi(value.mul((float) (1 - decay)));
    }

    /**
     * The held-out denoising loss per noise level ({@link #HELD_OUT_T}) of the averaged (EMA) weights, on
     * fixed crops and noise: the MSE of the network's output against its target, and of the implied x0.
     */
    public List<HeldOutLoss> heldOutLoss(int crops) {
        Tensor x0 = data.heldOutBatch(crops, settings.seed());
        GaussianNoise noise = new GaussianNoise(settings.seed() + 1234);
        List<HeldOutLoss> rows = new ArrayList<>();
        withAveragedWeights(() -> {
            for (int level : HELD_OUT_T) {
                long[] t = new long[crops];
                java.util.Arrays.fill(t, level);
                Tensor eps = noise.nextLike(x0);
                Tensor[] xt = noise(x0, eps, t);
                float[][] cond = new float[crops][];
                java.util.Arrays.fill(cond, averagedTable()[classIndex]);
                Tensor out = denoiser.predict(xt[0], t, cond);
                double a = alphasCumprod[level];
                double predictionError = 0;
                double x0Error = 0;
                for (int k = 0; k < out.data().length; k++) {
                    double o = out.data()[k];
                    double x = xt[0].data()[k];
                    double x0Pred = prediction.x0(o, x, a);
                    predictionError += sq(o - xt[1].data()[k]);
                    x0Error += sq(x0Pred - x0.data()[k]);
                }
                rows.add(new HeldOutLoss(level, predictionError / out.data().length, x0Error / out.data().length));
            }
        });
        return rows;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Runs {@code work} with the EMA weights in the network, then puts the live weights back. */
    private void withAveragedWeights(Runnable work) {
        synchronized (TorchScriptDenoiser.class) {
            gradientRecordingOff();
            try (NDManager swap = state.newSubManager()) {
                List<NDArray> live = new ArrayList<>();
                for (int i = 0; i < weights.size(); i++) {
                    NDArray saved = weights.get(i).duplicate();
                    saved.attach(swap);
                    live.add(saved);
                    assign(weights.get(i), ema.get(i));
                }
                try {
                    work.run();
                } finally {
                    for (int i = 0; i < weights.size(); i++) {
                        assign(weights.get(i), live.get(i));
                    }
                }
            }
        }
    }

    /** The embedding table with the trained class row's average in place of its start. */
    private float[][] averagedTable() {
        if (classRow == null) {
            return table;
        }
        float[][] out = table.clone();
        out[classIndex] = classRowEma.toFloatArray();
        return out;
    }

    /**
     * Writes the new package into {@code folder} (which must not exist): the averaged weights as a plain
     * TorchScript file that DJL and PyTorch both load, and {@code model.json} with the grown class table and
     * {@code provenance}. Written into a sibling folder first and moved into place, so a failure leaves nothing.
     */
    public void save(Path folder, String name, String version, Map<String, Object> provenance) throws IOException {
        if (Files.exists(folder)) {
            throw new IllegalArgumentException(folder + " exists already");
        }
        Path parent = folder.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "." + folder.getFileName() + ".partial-");
        try {
            ModelManifest m = source.manifest();
            withAveragedWeights(() -> {
                try (var out = Files.newOutputStream(partial.resolve(m.denoiserFile()))) {
                    ai.djl.pytorch.jni.JniUtils.writeModule((ai.djl.pytorch.engine.PtSymbolBlock) block, out, false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ModelManifestWriter.write(source.folder().resolve("model.json"), partial.resolve("model.json"), name,
                    version, classes, averagedTable(), data.noiseSd(), provenance);
            ModelPackage.open(partial); // validates what was written
            Files.move(partial, folder, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
    }

    /** Saves everything a resumed run needs (weights, averages, moments, step) into {@code file}. */
    public void saveState(Path file) throws IOException {
        try (NDManager scratch = state.newSubManager()) {
            NDList list = new NDList();
            list.addAll(weights);
            list.addAll(ema);
            list.addAll(firstMoment);
            list.addAll(secondMoment);
            if (classRow != null) {
                list.add(classRow);
                list.add(classRowEma);
                list.add(classRowM);
                list.add(classRowV);
            }
            list.add(scratch.create(new long[] {step, skipped, settings.seed(), classes.size(),
                classes.get(classIndex).hashCode(), settings.steps(), updates}));
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, list.encode());
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Continues from {@link #saveState}: the same settings and data give the same weights as one long run. The
     * planned length of the run (the learning-rate schedule) is taken from the checkpoint.
     */
    public void loadState(Path file) throws IOException {
        gradientRecordingOff();
        try (NDManager scratch = state.newSubManager()) {
            NDList list = NDList.decode(scratch, Files.readAllBytes(file));
            int n = weights.size();
            int expected = 4 * n + (classRow != null ? 4 : 0) + 1;
            if (list.size() != expected) {
                throw new IllegalArgumentException(file + " does not belong to this model and class (" + list.size()
                        + " arrays, expected " + expected + ")");
            }
            long[] counters = list.get(expected - 1).toLongArray();
            if (counters.length < 7 || counters[2] != settings.seed() || counters[3] != classes.size()
                    || counters[4] != classes.get(classIndex).hashCode()) {
                throw new IllegalArgumentException(file + " was trained with another seed, class or model");
            }
            for (int i = 0; i < n; i++) {
                assign(weights.get(i), list.get(i));
                assign(ema.get(i), list.get(n + i));
                assign(firstMoment.get(i), list.get(2 * n + i));
                assign(secondMoment.get(i), list.get(3 * n + i));
            }
            if (classRow != null) {
                assign(classRow, list.get(4 * n));
                assign(classRowEma, list.get(4 * n + 1));
                assign(classRowM, list.get(4 * n + 2));
                assign(classRowV, list.get(4 * n + 3));
            }
            step = (int) counters[0];
            skipped = (int) counters[1];
            updates = (int) counters[6];
            replan((int) counters[5]);
        }
    }

    /** Overwrites {@code target} in place with {@code value}'s bits (callers switch gradient recording off). */
    private static void assign(NDArray target, NDArray value) {
        target.set(new NDIndex(":"), value);
    }

    private NDArray copy(NDArray w) {
        NDArray c = w.duplicate();
        c.attach(state);
        return c;
    }

    public int stepsDone() {
        return step;
    }

    public int skippedSteps() {
        return skipped;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public Settings settings() {
        return settings;
    }

    public TrainingImages data() {
        return data;
    }

    public ModelPackage source() {
        return source;
    }

    /** The class names of the package being made (the source's, plus a new one). */
    public List<String> classes() {
        return List.copyOf(classes);
    }

    /** The live (not averaged) weights, by parameter name: for tests of exactness. */
    public Map<String, float[]> weightsByName() {
        return byName(weights, classRow);
    }

    /** The averaged weights, by parameter name. */
    public Map<String, float[]> averagedWeightsByName() {
        return byName(ema, classRowEma);
    }

    private Map<String, float[]> byName(List<NDArray> arrays, NDArray row) {
        Map<String, float[]> out = new LinkedHashMap<>();
        int i = 0;
        for (var p : block.getParameters()) {
            out.put(p.getKey(), arrays.get(i++).toFloatArray());
        }
        if (row != null) {
            out.put("classRow", row.toFloatArray());
        }
        return out;
    }

    /** The denoiser being trained (live weights): for tests that compare it with a saved package. */
    public TorchScriptDenoiser denoiser() {
        return denoiser;
    }

    /** The condition vector of the trained class, averaged: what the saved package holds for it. */
    public float[] classVector() {
        return averagedTable()[classIndex].clone();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown(); // its threads hold no work between calls; this waits out any that a failure left running
            try {
                if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a training thread did not end; the network is left loaded");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the training threads to end", e);
            }
        }
        closeReplicasAndNetwork();
    }

    /** The copies past the first, then the training state and the network (the fields that a failed start has). */
    private void closeReplicasAndNetwork() {
        for (int k = replicas.size() - 1; k >= 1; k--) {
            replicas.get(k).state().close();
            replicas.get(k).denoiser().close();
        }
        if (state != null) {
            state.close();
        }
        denoiser.close();
    }

    static double[] alphasCumprod(ModelManifest m) {
        return m.schedule().alphasCumprod();
    }

    private static float[] meanOfClassRows(float[][] rows) {
        float[] mean = new float[rows[0].length];
        for (int r = 1; r < rows.length; r++) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += rows[r][k] / (rows.length - 1);
            }
        }
        return mean;
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int requireIndex(List<String> names, String name) {
        int i = indexOf(names, name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown class '" + name + "' to start from: choose one of " + names);
        }
        return i;
    }

    /** Deletes a folder and what it holds, if it exists; a failure leaves it (a hidden leftover is harmless). */
    public static void deleteQuietly(Path folder) {
        deleteTree(folder);
    }

    static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover hidden .partial folder is harmless
        }
    }
}
