/**
 * What training a prior needs besides the network: the user's images as normalised training crops with a
 * held-out split, and the learning-rate schedule. No DJL here; the runtime's {@code PriorTrainer} runs the
 * network.
 */
package org.diffusionj.engine.training;
