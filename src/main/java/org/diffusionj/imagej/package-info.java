/**
 * ImageJ adapters: image planes to the engine's ImgLib2 float images and back (8, 16, 32-bit, RGB, stacks,
 * hyperstacks, calibration), selections to masks (grow, feather), macro options and dialogs with documented
 * keys ({@link org.diffusionj.imagej.Keys}), progress and Esc, one error message per failure, and the five
 * tasks as ImageJ commands ({@link org.diffusionj.imagej.TaskCommand}).
 */
package org.diffusionj.imagej;
