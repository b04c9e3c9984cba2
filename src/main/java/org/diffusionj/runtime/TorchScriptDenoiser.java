package org.diffusionj.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import ai.djl.training.GradientCollector;
import org.diffusionj.engine.DifferentiableDenoiser;
import org.diffusionj.engine.Tensor;

/**
 * A TorchScript network {@code forward(x [B,C,H,W] float32, t [B] int64, cond [B,D] float32)} run through DJL.
 *
 * <p>Every call works in its own child {@link NDManager}, closed before returning, so native memory
 * stays flat over thousands of sampling steps; only the output leaves native memory, as a float array.
 * Not thread-safe (like DJL's Predictor): calls are serialised.
 *
 * <p>Loaded with {@code trainable}, it also differentiates through the network (DJL's GradientCollector,
 * of which only one may exist per JVM: hence the lock on the class).
 */
public final class TorchScriptDenoiser implements DifferentiableDenoiser {
    private final Model model;
    private final Block block;
    private final ParameterStore parameters;
    private final Path file;
    private final int channels;
    private final boolean trainable;

    private TorchScriptDenoiser(Model model, Path file, int channels, boolean trainable) {
        this.trainable = trainable;
        this.model = model;
        this.block = model.getBlock();
        this.parameters = new ParameterStore(model.getNDManager(), false);
        this.file = file;
        this.channels = channels;
    }

    /**
     * Loads {@code file}. With {@code trainable} the module is loaded with {@code trainParam=true} so that
     * gradients can flow through it (inference mode would refuse to save tensors for backward).
     */
    public static TorchScriptDenoiser load(Path file, int channels, DeviceSelection device, boolean trainable) {
        if (!Files.isRegularFile(file)) {
            throw new ModelPackageException(file, "model file is missing");
        }
        TorchRuntime.engine();
        String fileName = file.getFileName().toString();
        String prefix = fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
        Model model = TorchRuntime.withPluginClassLoader(
                () -> Model.newInstance(prefix, device.djlDevice(), TorchRuntime.ENGINE));
        try {
            model.load(file.getParent(), prefix, trainable ? Map.of("trainParam", "true") : Map.of());
            OneDnnIsa.settle(blockAligned(model.getBlock()), file);
            return new TorchScriptDenoiser(model, file, channels, trainable);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelPackageException(file, "is not a loadable TorchScript model (truncated, corrupt or "
                    + "saved by an incompatible PyTorch): " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Whether every convolution of {@code block} (every 4-dimensional parameter: filters, input channels, height,
     * width) has a multiple of {@link OneDnnIsa#CHANNEL_BLOCK} filters, so that oneDNN never pads a channel block
     * of its output (see {@link OneDnnIsa}).
     */
    static boolean blockAligned(Block block) {
        for (var p : block.getParameters()) {
            Shape shape = p.getValue().getArray().getShape();
            if (shape.dimension() == 4 && shape.get(0) % OneDnnIsa.CHANNEL_BLOCK != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the network one batch item at a time. libtorch 2.7.1 (DJL 0.36) returned different values for
     * the items of a batch of two than for the same items alone (up to 0.4 on the fixture), while PyTorch 1.13
     * agrees with the single calls (see TorchScriptDenoiserTest). The cause was oneDNN's AVX-512 kernels
     * ({@link OneDnnIsa}): limited to AVX2 a batch of two agrees with single calls to 2e-6. Batching still
     * gained nothing measurable on a 2-core CPU (default model, two items: 68 vs 75 ms at 64 px, 229 vs 222 ms
     * at 128 px), and single calls stay right if someone lifts the limit, so they stay.
     */
    @Override
    public synchronized Tensor predict(Tensor x, long[] t, float[][] cond) {
        check(x, t, cond);
        if (x.batch() == 1) {
            return predictOne(x, t, cond);
        }
        Tensor[] items = new Tensor[x.batch()];
        for (int i = 0; i < items.length; i++) {
            items[i] = predictOne(x.sample(i), new long[] {t[i]}, cond == null ? null : new float[][] {cond[i]});
        }
        return Tensor.stack(items);
    }

    private Tensor predictOne(Tensor x, long[] t, float[][] cond) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList out = block.forward(parameters, inputs(scope, x, t, cond), false);
            return toTensor(out, x);
        } catch (ai.djl.engine.EngineException e) {
            throw new IllegalStateException(file + ": the model failed on input " + Arrays.toString(x.shape())
                    + ": " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public ConditionGradient squaredErrorGradient(Tensor x, long t, float[] cond, Tensor offset, double scale) {
        if (!trainable) {
            throw new IllegalStateException(file + " was loaded for inference only; load it differentiable");
        }
        if (x.batch() != 1 || !offset.sameShape(x)) {
            throw new IllegalArgumentException("squaredErrorGradient takes one item and an offset shaped like it");
        }
        check(x, new long[] {t}, new float[][] {cond});
        synchronized (TorchScriptDenoiser.class) {
            try (NDManager scope = model.getNDManager().newSubManager();
                    GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                NDList in = inputs(scope, x, new long[] {t}, new float[][] {cond});
                NDArray c = in.get(2);
                c.setRequiresGradient(true);
                NDList out = block.forward(parameters, in, true);
                Tensor output = toTensor(out, x);
                NDArray off = scope.create(offset.data(), out.head().getShape());
                NDArray loss = off.add(out.head().mul(scale)).square().mean();
                collector.backward(loss);
                return new ConditionGradient(loss.getFloat(), output, c.getGradient().toFloatArray());
            } catch (ai.djl.engine.EngineException e) {
                throw new IllegalStateException(file + ": differentiating the model failed: "
                        + firstLine(e.getMessage()), e);
            }
        }
    }

    /** The network's inputs as native arrays owned by {@code scope}. */
    NDList inputs(NDManager scope, Tensor x, long[] t, float[][] cond) {
        NDArray xs = scope.create(x.data(), new Shape(x.batch(), x.channels(), x.height(), x.width()));
        NDArray ts = scope.create(t);
        int dim = cond == null || cond.length == 0 ? 1 : cond[0].length;
        float[] flat = new float[x.batch() * dim];
        if (cond != null) {
            for (int i = 0; i < cond.length; i++) {
                System.arraycopy(cond[i], 0, flat, i * dim, dim);
            }
        }
        return new NDList(xs, ts, scope.create(flat, new Shape(x.batch(), dim)));
    }

    /** Copies a single output back to Java, checking it is shaped like the input. */
    private Tensor toTensor(NDList out, Tensor like) {
        NDArray y = out.head();
        Shape expected = new Shape(like.batch(), like.channels(), like.height(), like.width());
        if (out.size() != 1 || !y.getShape().equals(expected)) {
            throw new IllegalStateException(file + ": the model's output " + y.getShape() + " differs from its input "
                    + expected + "; a denoiser must return a tensor shaped like x");
        }
        return new Tensor(y.toFloatArray(), like.batch(), like.channels(), like.height(), like.width());
    }

    private void check(Tensor x, long[] t, float[][] cond) {
        if (x.channels() != channels) {
            throw new IllegalArgumentException("The model expects " + channels + " channels, got " + x.channels());
        }
        if (t.length != x.batch() || (cond != null && cond.length != x.batch())) {
            throw new IllegalArgumentException("One timestep and one condition per batch item are needed");
        }
    }

    public Model model() {
        return model;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        model.close();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
