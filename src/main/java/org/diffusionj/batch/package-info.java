/**
 * Restoring a whole dataset: a folder of images, every file a unit of work, planes larger than a block cut into
 * overlapping blocks that are restored independently and blended back. Nothing here depends on a cluster engine:
 * the Spark job ({@code spark/}) distributes {@link org.diffusionj.batch.BlockJob}s and calls these classes on
 * its executors; {@link org.diffusionj.batch.DatasetRun#sequential} runs the same plan in one thread.
 */
package org.diffusionj.batch;
