package org.diffusionj.engine.task;

import java.util.function.DoubleUnaryOperator;
import org.diffusionj.engine.Tensor;

/**
 * A linear degradation whose singular value decomposition {@code A = U S V^T} is known, so that data consistency
 * can treat each singular component on its own, as DDRM does (Kawar et al. 2022, "Denoising Diffusion Restoration
 * Models", section 3.2): noise {@code sigma_y} on y is noise {@code sigma_y / s_i} on component i of
 * {@code A+ y}, so a weak component (a blurred-away frequency) is far noisier than a strong one and must enter the
 * sample later, at a lower noise level. {@link NullSpaceProjection} uses these maps for DDNM+ with one
 * {@code lambda} per component instead of one for all.
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
