package org.diffusionj.imagej;

import java.util.function.Function;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.runtime.DeviceChoice;

/**
 * What lasts for an ImageJ session: the default model (set with Diffusion Models) and the open engine,
 * kept so that consecutive commands on the same model and device do not reload it. Engines are not
 * thread-safe, so runs are serialised here.
 */
public final class Session {
    private static volatile String defaultModel = "default";
    private static DiffusionEngine engine;
    private static String engineKey;

    private Session() {
    }

    /** The model a command uses when no {@code model=} is given. */
    public static String defaultModel() {
        return defaultModel;
    }

    /** Sets the session's default model (a name or a path); blank means the embedded default. */
    public static void setDefaultModel(String model) {
        defaultModel = model == null || model.isBlank() ? "default" : model.trim();
    }

    /**
     * Runs {@code work} with the engine for {@code model} on {@code device}, opening it (and closing the
     * previous one) when either differs from the last run. One run at a time.
     */
    public static synchronized <T> T withEngine(String model, DeviceChoice device, Function<DiffusionEngine, T> work) {
        String key = model + "|" + device;
        if (engine == null || !key.equals(engineKey)) {
            close();
            engine = DiffusionEngine.open(model.equalsIgnoreCase("default") ? null : model, device);
            engineKey = key;
        }
        return work.apply(engine);
    }

    /** Closes the open engine, if any. */
    public static synchronized void close() {
        if (engine != null) {
            DiffusionEngine e = engine;
            engine = null;
            engineKey = null;
            e.close();
        }
    }
}
