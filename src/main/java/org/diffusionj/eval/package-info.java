/**
 * Quality evaluation behind {@code ./diffusion eval}: held-out crops of {@code test-images/} (and a synthetic
 * image) are degraded the way microscopy images are, restored by the engine and by classical baselines
 * computed the same way, and measured: PSNR and SSIM, task-specific figures (realism and seams of a filled
 * hole, data consistency, colourfulness), seconds. Results go to a CSV, a contact sheet and a Markdown summary.
 * ImageJ 1 is used here only to read TIFFs and for its bicubic resize, the baseline users know.
 */
package org.diffusionj.eval;
