package org.diffusionj.imagej;

import ij.IJ;
import org.diffusionj.api.Progress;

/**
 * Shows a task's progress in ImageJ's progress bar and status line, one bar across every plane of a
 * stack, and reports Esc as cancellation (the engine then stops within one model evaluation).
 */
public final class ImageJProgress implements Progress {
    private final String command;
    private final int planes;
    private int plane;
    private long lastStatus;

    /** Progress of {@code command} over {@code planes} planes. */
    public ImageJProgress(String command, int planes) {
        this.command = command;
        this.planes = Math.max(1, planes);
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
        return IJ.escapePressed();
    }

    /** Clears the bar and shows {@code message}. */
    public void finish(String message) {
        IJ.showProgress(1.0);
        IJ.showStatus(message);
    }
}
