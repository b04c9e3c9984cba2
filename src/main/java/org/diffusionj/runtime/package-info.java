/**
 * The DJL / PyTorch runtime: offline engine start-up, device choice, model packages and the
 * TorchScript denoiser. Nothing here downloads: the CPU natives ship on the classpath and
 * {@code ai.djl.offline} is forced on, so a mistake fails fast instead of hanging.
 */
package org.diffusionj.runtime;
