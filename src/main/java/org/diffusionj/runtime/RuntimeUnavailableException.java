package org.diffusionj.runtime;

/** The PyTorch runtime cannot start here (missing native libraries, unsupported platform, no GPU when one was required). */
public class RuntimeUnavailableException extends RuntimeException {
    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
