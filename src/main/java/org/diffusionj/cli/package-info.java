/** The headless command line behind the {@code ./diffusion} script. */
package org.diffusionj.cli;
