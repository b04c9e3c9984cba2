/**
 * The ImageJ 1 plugins listed in {@code plugins.config} (Plugins &gt; Diffusion), one thin class per command;
 * {@link org.diffusionj.plugin.DiffusionCommands} lists them with the names macros run.
 */
package org.diffusionj.plugin;
