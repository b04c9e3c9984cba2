package org.diffusionj.engine.sampler;

/**
 * The variance of DDPM's reverse step (Ho et al. 2020, section 3.2): the posterior variance
 * {@code beta~_t = (1 - abar_prev) / (1 - abar_t) * beta_t} or the forward variance {@code beta_t}.
 */
public enum VarianceType {
    /** {@code sigma_t^2 = beta~_t}, optimal when x0 is deterministic. */
    FIXED_SMALL,
    /** {@code sigma_t^2 = beta_t}, optimal for x0 ~ N(0, I). */
    FIXED_LARGE
}
