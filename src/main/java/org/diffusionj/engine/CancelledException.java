package org.diffusionj.engine;

/** Thrown by {@link SamplingLoop} when its cancellation check says stop; no partial result is returned. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
