package org.diffusionj.engine.task;

import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.model.Conditioning;
import org.diffusionj.engine.model.PredictionType;
import org.diffusionj.engine.sampler.SamplerSettings;
import org.diffusionj.engine.sampler.Samplers;

/** Small inputs and setups shared by the task tests. */
final class TaskFixtures {

    private TaskFixtures() {
    }

    /** A smooth pattern in intensity units around 1000 (like a 16-bit image), {@code [1, c, h, w]}. */
    static Tensor pattern(int c, int h, int w) {
        Tensor t = new Tensor(1, c, h, w);
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    t.set(0, k, i, j, (float) (1000 + 300 * Math.sin(0.4 * i + k) * Math.cos(0.3 * j) + 7 * k));
                }
            }
        }
        return t;
    }

    /** A {@code [1, 1, h, w]} mask that is 1 on the rectangle [y0, y1) x [x0, x1): rows first, as Tensor indexes. */
    static Tensor maskRowsFirst(int h, int w, int y0, int y1, int x0, int x1) {
        Tensor m = new Tensor(1, 1, h, w);
        for (int i = y0; i < y1; i++) {
            for (int j = x0; j < x1; j++) {
                m.set(0, 0, i, j, 1);
            }
        }
        return m;
    }

    static ModelSpace space(Tensor image) {
        return ModelSpace.of(image, 3, 0.1, 99.9);
    }

    static SamplingSetup setup(GaussianPriorDenoiser d, String sampler, int steps) {
        return new SamplingSetup(d, PredictionType.EPSILON, GaussianPriorDenoiser.SCHEDULE, Samplers.byName(sampler),
                SamplerSettings.steps(steps).withEta(0.85), Conditioning.none());
    }

    static SamplingSetup setup(GaussianPriorDenoiser d) {
        return setup(d, "ddim", 20);
    }

    /** Root-mean-square difference of two tensors of the same size. */
    static double rms(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.data()[i] - b.data()[i];
            s += d * d;
        }
        return Math.sqrt(s / a.size());
    }
}
