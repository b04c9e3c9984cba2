package org.diffusionj.api;

/** Progress and cancellation for a long task: called once per model evaluation. */
public interface Progress {
    /** Nothing to report, never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void step(int done, int total) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** {@code done} of {@code total} units of work are finished. */
    void step(int done, int total);

    /** True once the user asked to stop; the task then throws {@link org.diffusionj.engine.CancelledException}. */
    boolean cancelled();
}
