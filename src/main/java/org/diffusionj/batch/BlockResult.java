package org.diffusionj.batch;

import java.io.Serializable;

/**
 * What restoring one block made: the result (and its standard deviation map with several samples) as TIFF bytes,
 * which carry everything ImageJ saves (pixels, dimensions, calibration, Info), or why it failed.
 *
 * @param block   the block
 * @param result  the block's result as a TIFF file's bytes (null when failed)
 * @param stdDev  its standard deviation map as TIFF bytes (null unless several samples were drawn)
 * @param seconds the time the block took
 * @param error   why it failed (null when it did not)
 */
public record BlockResult(BlockJob block, byte[] result, byte[] stdDev, double seconds, String error)
        implements Serializable {

    static BlockResult failed(BlockJob block, String error, double seconds) {
        return new BlockResult(block, null, null, seconds, error == null ? "failed" : error);
    }

    /** Whether the block was restored. */
    public boolean ok() {
        return error == null;
    }
}
