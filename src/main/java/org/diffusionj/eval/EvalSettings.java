package org.diffusionj.eval;

/**
 * What an evaluation runs.
 *
 * @param size      side of the square crops in pixels
 * @param steps     sampling steps per restoration
 * @param crops     crops per image
 * @param seed      seed of the engine's draws; degradations are seeded by the crop
 * @param samples   draws averaged into our result where PSNR scores it (thin defects, super-resolution): the
 *                  posterior mean, the PSNR-optimal estimate (one draw invents detail that PSNR punishes)
 * @param noise     noise added to the noisy super-resolution inputs, as a fraction of the truth's range
 * @param synthetic whether a synthetic fluorescence image joins the test images
 * @param defectStart where sampling starts on thin defects (0.3, the documented defect recipe; 1 = the
 *                  inpainting default, from noise)
 */
public record EvalSettings(int size, int steps, int crops, long seed, int samples, double noise,
        boolean synthetic, double defectStart) {

    /** The defaults of {@code ./diffusion eval}: 64-pixel crops, 50 steps, 2 crops per image, 4 draws, noise 0.03. */
    public static EvalSettings defaults() {
        return new EvalSettings(64, 50, 2, 1, 4, 0.03, true, InpaintingEval.THIN_START);
    }

    public EvalSettings {
        if (size < 16) {
            throw new IllegalArgumentException("--size must be at least 16 pixels, got " + size);
        }
        if (!(defectStart >= 0 && defectStart <= 1)) {
            throw new IllegalArgumentException("--defect-start must be in [0, 1], got " + defectStart);
        }
        if (steps < 1 || crops < 1 || samples < 1) {
            throw new IllegalArgumentException("--steps, --crops and --samples must be at least 1");
        }
    }

    /** One crop per image and no synthetic image: a smoke test. */
    public EvalSettings quick() {
        return new EvalSettings(size, steps, 1, seed, samples, noise, false, defectStart);
    }
}
