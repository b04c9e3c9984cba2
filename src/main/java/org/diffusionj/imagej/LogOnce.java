package org.diffusionj.imagej;

import ij.IJ;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Log lines said once per command run: the planes of a stack share one run, and a finding repeated for every plane
 * (no noise, wrong gradients) is noise in the Log; each plane's Info still holds it.
 */
final class LogOnce {
    private final String command;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    LogOnce(String command) {
        this.command = command;
    }

    /** Logs "command: message" unless a line of this {@code kind} was logged in this run already. */
    void log(String kind, String message) {
        if (said.add(kind)) {
            IJ.log(command + ": " + message);
        }
    }
}
