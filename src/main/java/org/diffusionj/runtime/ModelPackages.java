package org.diffusionj.runtime;

import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.schedule.NoiseSchedule;

/** Engine objects described by a model manifest. */
public final class ModelPackages {
    private ModelPackages() {
    }

    /** The noise schedule the model was trained with. */
    public static NoiseSchedule schedule(ModelManifest m) {
        return NoiseSchedule.fromName(m.scheduleKind(), m.timesteps(), m.betaStart(), m.betaEnd());
    }

    /** What the network's output means: epsilon, v or x0. */
    public static PredictionType predictionType(ModelManifest m) {
        return PredictionType.fromName(m.prediction());
    }
}
