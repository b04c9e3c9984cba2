/**
 * The SciJava {@link org.diffusionj.script.DiffusionService} through which Fiji scripts (Groovy, Jython, ...)
 * call every task: {@code #@ DiffusionService diffusion}.
 */
package org.diffusionj.script;
