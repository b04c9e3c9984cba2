package org.diffusionj.runtime;

import java.nio.file.Path;

/** A model package that cannot be used: the message names the file and, where there is one, the bad field. */
public class ModelPackageException extends RuntimeException {
    public ModelPackageException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ModelPackageException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
