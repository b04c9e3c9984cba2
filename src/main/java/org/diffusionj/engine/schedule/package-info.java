/**
 * Noise schedules and timestep grids: {@link org.diffusionj.engine.schedule.NoiseSchedule} (immutable
 * float64 tables), {@link org.diffusionj.engine.schedule.TimestepSpacing} (leading / trailing / linspace / cubic),
 * {@link org.diffusionj.engine.schedule.Timesteps#forStrength SDEdit strength} and
 * {@link org.diffusionj.engine.schedule.KarrasSigmas Karras sigmas}.
 */
package org.diffusionj.engine.schedule;
