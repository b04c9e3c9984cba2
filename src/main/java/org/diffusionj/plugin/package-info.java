/**
 * The ImageJ 1 plugins listed in {@code plugins.config} (Plugins &gt; Diffusion), one thin class per command,
 * and the registration of their macro names ({@link org.diffusionj.plugin.CommandAliases}).
 */
package org.diffusionj.plugin;
