package org.diffusionj.batch;

import java.io.Serializable;

/**
 * What became of one input file.
 *
 * @param file    the input's file name
 * @param status  written, skipped (its result existed) or failed
 * @param blocks  the blocks it was restored in (0 unless written)
 * @param seconds the summed restoration time of its blocks
 * @param message why it failed, else empty
 */
public record FileReport(String file, Status status, int blocks, double seconds, String message)
        implements Serializable {

    /** The outcome. */
    public enum Status { WRITTEN, SKIPPED, FAILED }

    static FileReport skipped(String file) {
        return new FileReport(file, Status.SKIPPED, 0, 0, "");
    }

    static FileReport failed(String file, String message) {
        return new FileReport(file, Status.FAILED, 0, 0, message == null ? "failed" : message);
    }

    /** One line for the run's report. */
    public String line() {
        return switch (status) {
            case WRITTEN -> String.format("written  %s (%d block%s, %.1f s)", file, blocks, blocks == 1 ? "" : "s",
                    seconds);
            case SKIPPED -> "skipped  " + file + " (its result exists)";
            case FAILED -> "FAILED   " + file + ": " + message;
        };
    }
}
