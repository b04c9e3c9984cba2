package org.diffusionj.engine.task;

import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionj.engine.Denoiser;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.schedule.NoiseSchedule;

/**
 * The exact noise predictor for data whose values are independent N(mu, s^2): with {@code a = sqrt(abar)},
 * {@code E[eps | x_t] = sqrt(1 - abar) (x_t - a mu) / (a^2 s^2 + 1 - abar)}. A real diffusion model of a
 * known distribution, pointwise and analytic, so tests need no network. Counts its calls.
 */
final class GaussianPriorDenoiser implements Denoiser {

    static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(1000, 1e-4, 0.02);

    final AtomicInteger calls = new AtomicInteger();
    private final double mu;
    private final double s;

    GaussianPriorDenoiser(double mu, double s) {
        this.mu = mu;
        this.s = s;
    }

    @Override
    public Tensor predict(Tensor x, long[] t, float[][] cond) {
        calls.incrementAndGet();
        Tensor out = x.zerosLike();
        int item = x.itemSize();
        for (int b = 0; b < x.batch(); b++) {
            double ab = SCHEDULE.alphaBar((int) t[b]);
            double a = Math.sqrt(ab);
            double scale = Math.sqrt(1 - ab) / (ab * s * s + 1 - ab);
            for (int i = b * item; i < (b + 1) * item; i++) {
                out.data()[i] = (float) (scale * (x.data()[i] - a * mu));
            }
        }
        return out;
    }
}
