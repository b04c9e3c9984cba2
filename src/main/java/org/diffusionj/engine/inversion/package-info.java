/**
 * Inverting a real image into the model's noise space so that guided sampling reconstructs it, then
 * editing by sampling under another condition: DDIM inversion, null-text inversion (Mokady et al. 2023)
 * and negative-prompt inversion (Miyake et al. 2023).
 */
package org.diffusionj.engine.inversion;
