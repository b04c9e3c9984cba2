package org.diffusionj.imagej;

import java.util.function.Function;
import org.diffusionj.api.DiffusionEngine;
import org.diffusionj.runtime.DeviceChoice;

/**
 * Where a command gets its engine: the ImageJ {@link Session} (one engine, runs serialised) or a pool that gives
 * each concurrent run its own (a cluster executor running several tasks at once).
 */
@FunctionalInterface
public interface EngineSource {
    /** Runs {@code work} with an engine for {@code model} (a name, a path or "default") on {@code device}. */
    <T> T withEngine(String model, DeviceChoice device, Function<DiffusionEngine, T> work);
}
