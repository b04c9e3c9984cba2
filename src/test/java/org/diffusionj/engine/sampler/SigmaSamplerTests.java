package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionj.engine.DummyData;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.model.PredictionType;

/** Shared fixtures of the Euler and Heun conformance tests. */
final class SigmaSamplerTests {

    private SigmaSamplerTests() {
    }

    /**
     * diffusers' Euler and Heun full-loop tests, quirk included: the scaled model input is fed back to
     * {@code step} as the sample, so the model sees {@code x} scaled twice when converted to x0. The model is
     * evaluated at the unrounded timestep, as diffusers does; x_T is the dummy sample times sigma_max.
     */
    static Tensor diffusersLoop(SamplingRun run, PredictionType type) {
        double sigmaMax = Math.sqrt(1 / run.alphaBar(0) - 1);
        Tensor x = run.initialSample(DummyData.sample());
        assertEquals(sigmaMax * DummyData.sample().data()[1], x.data()[1], 1e-4, "x_T = sample * sigma_max");
        for (int k = 0; k < run.evaluations(); k++) {
            Tensor scaled = run.modelInput(x, k);
            Tensor out = DummyData.model(scaled, run.fractionalTimestep(k));
            Prediction p = type.toPrediction(out, run.modelInput(scaled, k), run.alphaBar(k));
            x = run.step(p, k, scaled, null);
        }
        return x;
    }
}
