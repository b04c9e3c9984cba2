package org.diffusionj.batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.imagej.EngineSource;
import org.diffusionj.runtime.DeviceChoice;

/**
 * The engines of one JVM (a cluster executor, or a local run): an engine is opened the first time it is needed and
 * then reused by every later task; tasks running at the same time each get their own, since an engine serves one
 * caller at a time. So an executor running N tasks at once holds at most N engines of a model, each loaded once.
 */
public final class EnginePool implements EngineSource {
    /** The pool of this JVM. */
    public static final EnginePool SHARED = new EnginePool();

    private final Map<String, Deque<DiffusionEngine>> idle = new HashMap<>();
    private boolean started;

    private EnginePool() {
        // no closing at exit: the process's end frees the native memory, and closing a model while a task thread
        // is still inside a forward pass (an executor being killed) would crash the JVM instead of ending it
    }

    @Override
    public <T> T withEngine(String model, DeviceChoice device, Function<DiffusionEngine, T> work) {
        String key = model + "|" + device;
        DiffusionEngine engine;
        synchronized (this) {
            Deque<DiffusionEngine> free = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            engine = free.pollFirst();
        }
        if (engine == null) {
            synchronized (this) {
                started = true;
            }
            engine = DiffusionEngine.open(model.equalsIgnoreCase("default") ? null : model, device);
        }
        try {
            return work.apply(engine);
        } finally {
            synchronized (this) {
                idle.get(key).addFirst(engine);
            }
        }
    }

    /**
     * Sets libtorch's threads per engine call (intra-op; one inter-op thread) before this JVM's first engine starts:
     * with N tasks running at once on N cores, one thread each keeps them from oversubscribing the cores. Later
     * calls, after an engine has started, change nothing (libtorch's pools are made once).
     */
    public synchronized void threadsPerEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, got " + threads);
        }
        if (!started) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
