package org.diffusionj.runtime;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Starts DJL's PyTorch engine without any network access and chooses the device.
 *
 * <p>Inside Fiji every plugin has its own class loader while DJL discovers engines through the
 * thread context class loader, so start-up (and model loading, see {@link #withPluginClassLoader})
 * runs with the context loader set to ours.
 */
public final class TorchRuntime {
    public static final String ENGINE = "PyTorch";
    private static final Logger LOG = Logger.getLogger(TorchRuntime.class.getName());
    private static volatile Engine engine;

    private TorchRuntime() {
    }

    /** The PyTorch engine, started once per JVM; a clear error when the natives are missing. */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (TorchRuntime.class) {
                if (engine == null) {
                    engine = start();
                }
                e = engine;
            }
        }
        return e;
    }

    /**
     * DJL's switch for TorchScript's graph executor optimisation: a JVM-wide system property that DJL applies on each
     * forward call (inside Fiji it holds for other DJL plugins too, unless they set it themselves).
     */
    static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

    private static Engine start() {
        System.setProperty("ai.djl.offline", "true");
        QuietLogging.configure();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (nativeFlavor() == null && System.getenv("PYTORCH_LIBRARY_PATH") == null) {
            throw new RuntimeUnavailableException("PyTorch native libraries are missing from the classpath: "
                    + "add ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier linux-x86_64 (see README, "
                    + "'Install into Fiji'), or set PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR.");
        }
        // MKL's reproducibility switches before its first use; oneDNN's instruction set waits for the first model
        OneDnnIsa.prepare();
        // freed tensors stay in the process instead of going back to the kernel after every step (NativeHeap)
        NativeHeap.keepFreedMemory();
        // TorchScript's profiling executor runs a module's first calls as profiled and later ones through an
        // optimised graph whose float rounding differs: a training run resumed from a checkpoint (a new module,
        // profiled again) then drifted from the uninterrupted run by an ulp (PriorTrainerTest); without the
        // optimisation every call takes one path. Measured (bench, Zen 5 EPYC): no slower. A value set is kept.
        if (System.getProperty(GRAPH_OPTIMIZER) == null) {
            System.setProperty(GRAPH_OPTIMIZER, "false");
        }
        try {
            Engine engine = withPluginClassLoader(() -> Engine.getEngine(ENGINE));
            NativeLogging.quiet();
            return engine;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new RuntimeUnavailableException("The PyTorch engine could not start on " + os + "/" + arch
                    + " (DiffusionJ ships CPU natives for linux-x86_64): " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} with the thread context class loader set to the plugin's own (needed inside Fiji). */
    public static <T> T withPluginClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TorchRuntime.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The flavor of the libtorch build on the classpath ("cpu", "cu124", ...), or null if none ships. */
    public static String nativeFlavor() {
        try (InputStream in = TorchRuntime.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("flavor");
        } catch (IOException e) {
            return null;
        }
    }

    /** Chooses the device for {@code choice} and says why (Device Check and the result's Info show it). */
    public static DeviceSelection select(DeviceChoice choice) {
        Engine e = engine();
        int gpus = e.getGpuCount();
        DeviceSelection selection;
        if (choice == DeviceChoice.CPU) {
            selection = DeviceSelection.cpu("requested (device=cpu)");
        } else if (gpus > 0) {
            selection = new DeviceSelection(true, 0, gpus + " CUDA device(s) visible, libtorch "
                    + e.getVersion() + " (" + flavorText() + ")");
        } else if (choice == DeviceChoice.GPU) {
            throw new RuntimeUnavailableException("device=gpu was requested but " + whyNoGpu()
                    + ". Use device=auto or device=cpu.");
        } else {
            selection = DeviceSelection.cpu(whyNoGpu());
        }
        LOG.fine(() -> "DiffusionJ runs on " + selection);
        return selection;
    }

    private static String flavorText() {
        String flavor = System.getenv("PYTORCH_FLAVOR");
        if (flavor == null) {
            flavor = nativeFlavor();
        }
        return flavor == null ? "unknown build" : flavor + " build";
    }

    /** The reason the GPU is not used, in words a user can act on. */
    static String whyNoGpu() {
        String flavor = System.getenv("PYTORCH_FLAVOR") != null ? System.getenv("PYTORCH_FLAVOR") : nativeFlavor();
        if (flavor != null && flavor.startsWith("cpu")) {
            return "no CUDA device visible to libtorch: the installed libtorch is the CPU build "
                    + "(rebuild with 'mvn -Pcuda package' for CUDA 12.4)";
        }
        return "no CUDA device visible to libtorch (no NVIDIA driver or CUDA runtime found)";
    }
}
