/**
 * Restoration tasks on one sampling loop. Linear degradations with their pseudo-inverses
 * ({@link org.diffusionj.engine.task.MaskOperator}, {@link org.diffusionj.engine.task.LumaOperator},
 * {@link org.diffusionj.engine.task.AveragePool}) feed one
 * {@link org.diffusionj.engine.task.NullSpaceProjection} (DDNM and DDNM+, Wang et al. 2023); the tasks
 * ({@link org.diffusionj.engine.task.Inpainting}, {@link org.diffusionj.engine.task.Colorization},
 * {@link org.diffusionj.engine.task.SuperResolution}, {@link org.diffusionj.engine.task.SdEdit}) only build
 * an operator, an observation and a start, and {@link org.diffusionj.engine.task.TaskRunner} runs them all
 * the same way, with seeded draws, normalisation ({@link org.diffusionj.engine.task.ModelSpace}) and a final
 * exact data-consistency step in the input's units.
 */
package org.diffusionj.engine.task;
