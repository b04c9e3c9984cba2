package org.diffusionj.engine.task;

import java.util.function.DoubleUnaryOperator;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.sampler.PredictionHook;
import org.diffusionj.engine.sampler.SampleHook;
import org.diffusionj.engine.sampler.SamplingRun;

/**
 * DDNM's range / null-space projection (Wang et al. 2023), the one data-consistency step of inpainting,
 * colorization and super-resolution. As a {@link PredictionHook} it rewrites every predicted clean image,
 * eq. (13) and DDNM+ eq. (17):
 * <pre>
 *   x0' = x0 - lambda_t A+ (A x0 - y)
 * </pre>
 * and the sampler continues with {@code x0'}. For a noise-free observation ({@code sigmaY = 0})
 * {@code lambda_t = 1}. For noise {@code sigma_y} on y (DDNM+, section 3.3), with {@code a_t = sqrt(abar)} and
 * {@code sigma_t = sqrt(1 - abar)} of the level the step lands on: {@code lambda_t = 1} and
 * {@code gamma_t = sqrt(sigma_t^2 - (a_t sigma_y)^2)} while {@code sigma_t >= a_t sigma_y}, else
 * {@code lambda_t = sigma_t / (a_t sigma_y)} and {@code gamma_t = 0}.
 *
 * <p>As a {@link SampleHook} it applies DDNM+'s noise scaling, eq. (19): the projection already brought
 * {@code a_t lambda_t A+ n} of y's noise into the range space, so the range-space part of the step's noise is
 * scaled from {@code sigma_t} to {@code gamma_t}; the null-space part is left to the sampler. This works on
 * the variance-preserving form of the new sample, {@code sqrt(abar) x0' + noise}, so it fits every sampler.
 * With {@code sigmaY = 0} the hook returns the sample unchanged.
 *
 * <p>With a {@link SpectralOperator} and noise, both rules hold per singular component (as in DDRM, Kawar et al.
 * 2022): component i of {@code A+ y} carries noise {@code sigma_y / s_i}, so it gets its own {@code lambda_t} and
 * {@code gamma_t} from that level. A weak component (its noise amplified by {@code 1 / s_i}) is then damped from an
 * earlier, noisier step on and gets less fresh noise, so the prior carries more of it and the data's amplified
 * noise less. For average pooling by s x s every component's level is {@code s sigma_y}, not {@code sigma_y}.
 *
 * <p>One instance serves one run (it remembers the last projected x0 between the two hooks); not thread-safe.
 */
public final class NullSpaceProjection implements PredictionHook, SampleHook {

    /** The operator; one that is not spectral as the paper reads it (every component of A+ y at level sigma_y). */
    private final SpectralOperator operator;
    private final Tensor y;
    private final double sigmaY;
    private final SamplingRun run;
    private Tensor lastX0;

    /**
     * @param operator the degradation A
     * @param y        the observation, shaped like {@code A x}
     * @param sigmaY   the standard deviation of the noise on y (0 = exact DDNM)
     * @param run      the run whose predictions are projected (for the noise levels)
     */
    public NullSpaceProjection(LinearOperator operator, Tensor y, double sigmaY, SamplingRun run) {
        if (operator == null || y == null || run == null) {
            throw new IllegalArgumentException("The projection needs an operator, an observation and a run");
        }
        if (!(sigmaY >= 0) || Double.isInfinite(sigmaY)) {
            throw new IllegalArgumentException("The noise level sigma_y must be finite and >= 0, got " + sigmaY);
        }
        this.operator = operator instanceof SpectralOperator spectral ? spectral : new UniformLevel(operator);
        this.y = y;
        this.sigmaY = sigmaY;
        this.run = run;
    }

    /** {@code x - lambda A+ (A x - y)}; with lambda 1 the result satisfies {@code A x = y}. */
    public static Tensor project(LinearOperator a, Tensor x, Tensor y, double lambda) {
        Tensor residual = Tensors.sub(a.apply(x), y);
        return Tensors.axpby(1, x, -lambda, a.pseudoInverse(residual));
    }

    /** DDNM+ lambda_t for a step landing on level {@code alphaBar} (1 without observation noise). */
    public static double lambda(double alphaBar, double sigmaY) {
        double signal = Math.sqrt(alphaBar) * sigmaY;
        double sigma = Math.sqrt(Math.max(0, 1 - alphaBar));
        return sigma >= signal ? 1 : sigma / signal;
    }

    /** DDNM+ gamma_t / sigma_t: the factor on the range-space part of the step's noise (1 without noise). */
    public static double noiseScale(double alphaBar, double sigmaY) {
        double signal = Math.sqrt(alphaBar) * sigmaY;
        double sigma = Math.sqrt(Math.max(0, 1 - alphaBar));
        if (sigma == 0 || sigma < signal) {
            return 0;
        }
        return Math.sqrt(sigma * sigma - signal * signal) / sigma;
    }

    /** Whether the sample hook changes anything (only with observation noise). */
    public boolean scalesNoise() {
        return sigmaY > 0;
    }

    @Override
    public Prediction apply(Prediction p, int k, Tensor x) {
        double alphaBar = run.nextAlphaBar(k);
        // per component: y's noise sigma_y is sigma_y / s_i on component i of A+ y (DDRM's view); lambda 1 without
        Tensor residual = Tensors.sub(operator.apply(p.x0()), y);
        lastX0 = Tensors.axpby(1, p.x0(), -1, operator.weightedPseudoInverse(residual,
                s -> lambda(alphaBar, sigmaY / s)));
        return p.withX0(lastX0);
    }

    @Override
    public Tensor apply(Tensor x, int k) {
        // The last step lands on the clean level, where there is no noise left to scale.
        if (!scalesNoise() || lastX0 == null || k + 1 >= run.evaluations()) {
            return x;
        }
        double alphaBar = run.nextAlphaBar(k);
        Tensor vp = run.modelInput(x, k + 1);
        Tensor noise = Tensors.axpby(1, vp, -Math.sqrt(alphaBar), lastX0);
        Tensor change = operator.rangeComponents(noise, s -> noiseScale(alphaBar, sigmaY / s) - 1);
        return run.fromVp(Tensors.axpby(1, vp, 1, change), k + 1);
    }

    /**
     * An operator without a known decomposition, read as the paper does: every component of {@code A+ y} at y's own
     * noise level (the weights asked at singular value 1).
     */
    private record UniformLevel(LinearOperator a) implements SpectralOperator {

        @Override
        public Tensor apply(Tensor x) {
            return a.apply(x);
        }

        @Override
        public Tensor pseudoInverse(Tensor y) {
            return a.pseudoInverse(y);
        }

        @Override
        public Tensor weightedPseudoInverse(Tensor y, DoubleUnaryOperator weight) {
            return Tensors.scale(weight.applyAsDouble(1), a.pseudoInverse(y));
        }

        @Override
        public Tensor rangeComponents(Tensor x, DoubleUnaryOperator weight) {
            return Tensors.scale(weight.applyAsDouble(1), a.pseudoInverse(a.apply(x)));
        }
    }
}
