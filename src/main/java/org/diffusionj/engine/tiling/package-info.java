/**
 * Large images: {@link org.diffusionj.engine.tiling.TilePlan} covers an image with overlapping tiles and
 * smooth blending weights, {@link org.diffusionj.engine.tiling.TiledDenoiser} runs the network per tile at
 * every sampling step and blends the outputs (MultiDiffusion, Bar-Tal et al. 2023), and
 * {@link org.diffusionj.engine.tiling.SeamMetric} measures whether tile borders show.
 */
package org.diffusionj.engine.tiling;
