package org.diffusionj.engine.task;

import java.util.function.DoubleUnaryOperator;
import org.diffusionj.engine.Tensor;

/**
 * A linear degradation whose singular value decomposition {@code A = U S V^T} is known, so that data consistency
 * can treat each singular component on its own, as DDRM does (Kawar et al. 2022, "Denoising Diffusion Restoration
 * Models", section 3.2): noise {@code sigma_y} on y is noise {@code sigma_y / s_i} on component i of
 * {@code A+ y} (in V's orthonormal coordinates), so a weak component (a blurred-away frequency) is far noisier than
 * a strong one, and DDNM+ must stop trusting it at a higher noise level. {@link NullSpaceProjection} uses these
 * maps for DDNM+ with one {@code lambda} per component instead of one for all. Only components with
 * {@code s_i > 0} take part (the null space is no component of the range), so the weights are never asked about 0.
 */
public interface SpectralOperator extends LinearOperator {

    /**
     * {@code V diag(w(s_i) / s_i) U^T y}: the pseudo-inverse with component i weighted by {@code w} of its
     * singular value (w = 1 gives {@link #pseudoInverse}).
     */
    Tensor weightedPseudoInverse(Tensor y, DoubleUnaryOperator weight);

    /**
     * {@code V diag(w(s_i)) V^T x}: the range-space components of x, each weighted by {@code w} of its singular
     * value (w = 1 gives {@code A+ A x}).
     */
    Tensor rangeComponents(Tensor x, DoubleUnaryOperator weight);
}
