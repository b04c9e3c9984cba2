package org.diffusionj.imagej;

import ij.IJ;
import java.util.function.BooleanSupplier;
import org.diffusionj.api.Progress;

/**
 * Shows a task's progress in ImageJ's progress bar and status line, one bar across every plane of a
 * stack, and reports Esc as cancellation (the engine then stops within one model evaluation).
 */
public class ImageJProgress implements Progress {
    private final String command;
    private final BooleanSupplier cancel;
    private int planes = 1;
    private int plane;
    private long lastStatus;

    /** Progress of {@code command}, cancelled by Esc. */
    public ImageJProgress(String command) {
        this(command, IJ::escapePressed);
    }

    /** Progress cancelled when {@code cancel} says so (scripts, tests). */
    public ImageJProgress(String command, BooleanSupplier cancel) {
        this.command = command;
        this.cancel = cancel;
    }

    /** Sets how many planes the bar spans. */
    public void planes(int count) {
        planes = Math.max(1, count);
    }

    /** Moves to the plane with zero-based index {@code index}. */
    public void plane(int index) {
        plane = index;
        step(0, 1);
    }

    @Override
    public void step(int done, int total) {
        double fraction = (plane + (total <= 0 ? 1.0 : (double) done / total)) / planes;
        IJ.showProgress(Math.min(fraction, 0.999));
        long now = System.currentTimeMillis();
        if (now - lastStatus > 250 || done == total) {
            lastStatus = now;
            String where = planes > 1 ? " - plane " + (plane + 1) + "/" + planes : "";
            IJ.showStatus(command + ": " + done + "/" + total + where + " (Esc cancels)");
        }
    }

    @Override
    public boolean cancelled() {
        return cancel.getAsBoolean();
    }

    /** Clears the bar and shows {@code message}. */
    public void finish(String message) {
        IJ.showProgress(1.0);
        IJ.showStatus(message);
    }
}
