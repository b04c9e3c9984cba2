/**
 * The one entry point that front-ends (ImageJ commands, the SciJava service, the command line) call:
 * {@link org.diffusionj.api.DiffusionEngine} opens a model on a device and runs every task on ImgLib2
 * images in the image's own intensity units; normalisation, tiling and sampling happen inside.
 */
package org.diffusionj.api;
