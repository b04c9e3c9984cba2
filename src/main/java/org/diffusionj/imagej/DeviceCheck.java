package org.diffusionj.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.diffusionj.engine.GradientCheck;
import org.diffusionj.engine.Tensor;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.DeviceSelection;
import org.diffusionj.runtime.ModelManifest;
import org.diffusionj.runtime.ModelPackage;
import org.diffusionj.runtime.Models;
import org.diffusionj.runtime.OneDnnIsa;
import org.diffusionj.runtime.TorchRuntime;
import org.diffusionj.runtime.TorchScriptDenoiser;

/**
 * Which device runs the model and why not the GPU, checked with a real forward pass of a model's
 * network, timed. Shared by the Device Check command and {@code ./diffusion device}.
 */
public final class DeviceCheck {
    /** Side of the square input used for the timed pass. */
    static final int SIZE = 64;

    private DeviceCheck() {
    }

    /** The report lines for {@code model} on {@code choice}. */
    public static List<String> report(String model, DeviceChoice choice) {
        List<String> lines = new ArrayList<>();
        lines.add("DiffusionJ device check");
        Runtime rt = Runtime.getRuntime();
        lines.add(String.format(Locale.ROOT, "Java %s, %d CPU cores, max heap %d MB", System.getProperty("java.version"),
                rt.availableProcessors(), rt.maxMemory() >> 20));
        String flavor = TorchRuntime.nativeFlavor();
        lines.add("libtorch natives on the classpath: " + (flavor == null ? "none" : flavor + " build"));
        DeviceSelection selection = TorchRuntime.select(choice);
        String device = selection.toString();
        lines.add("Device: " + device.substring(0, device.indexOf(':')));
        lines.add((selection.isGpu() ? "Why: " : "Why not the GPU: ") + selection.reason());
        lines.add("Native memory: " + org.diffusionj.runtime.NativeHeap.describe());
        ModelPackage pkg = Models.find(model);
        ModelManifest m = pkg.manifest();
        long t0 = System.nanoTime();
        try (TorchScriptDenoiser denoiser = pkg.loadDenoiser(selection)) {
            double loadMs = (System.nanoTime() - t0) / 1e6;
            Tensor x = noise(m.channels());
            long[] t = {m.timesteps() / 2};
            float[][] cond = m.embeddings().length > 0 ? new float[][] {m.embeddings()[0]} : null;
            denoiser.predict(x, t, cond);
            int runs = 3;
            long start = System.nanoTime();
            Tensor y = null;
            for (int i = 0; i < runs; i++) {
                y = denoiser.predict(x, t, cond);
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            lines.add(String.format(Locale.ROOT, "Model %s %s: loaded in %.0f ms; one forward pass on %dx%d x %d "
                    + "channels: %.1f ms (mean of %d after a warm-up)", m.name(), m.version(), loadMs, SIZE, SIZE,
                    m.channels(), ms, runs));
            lines.add(String.format(Locale.ROOT, "Output finite: %s; about %.0f s for 50 steps on a 256x256 image",
                    finite(y), ms * 16 * 50 / 1000));
        }
        // what training and null-text inversion rely on: a backward pass that agrees with the forward pass here
        if (!m.isConditional()) {
            lines.add("Gradients: not checked (an unconditional model has no class embedding to differentiate)");
            return lines;
        }
        try (TorchScriptDenoiser differentiable = pkg.loadDifferentiableDenoiser(selection)) {
            GradientCheck check = GradientCheck.ofCondition(differentiable, noise(m.channels()), m.timesteps() / 2,
                    m.embeddings()[0]);
            String isa = OneDnnIsa.current();
            lines.add("Gradients (null-text inversion; training's are checked when it starts): "
                    + (check.passed() ? "correct" : "WRONG") + ", " + check
                    + (isa == null || selection.isGpu() ? "" : "; oneDNN instruction set " + OneDnnIsa.describe())
                    + (check.passed() ? "" : selection.isGpu() ? ": please report the GPU"
                            : ": training will likely refuse to start; try ONEDNN_MAX_CPU_ISA=SSE41"));
        } catch (RuntimeException e) {
            lines.add("Gradients: the check failed: " + e.getMessage());
        }
        return lines;
    }

    private static Tensor noise(int channels) {
        Random random = new Random(1);
        float[] data = new float[channels * SIZE * SIZE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new Tensor(data, 1, channels, SIZE, SIZE);
    }

    private static boolean finite(Tensor y) {
        for (float v : y.data()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
