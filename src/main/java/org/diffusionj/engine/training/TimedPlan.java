package org.diffusionj.engine.training;

/**
 * How many steps a run given minutes rather than steps plans, so that its learning-rate schedule ({@link
 * LearningRate}) ends when its time does. The speed is measured as the run goes: roughly after 10 steps, then
 * after 100 from the steps since the 10th (the first ones are slow while libtorch warms up), and every {@link
 * #REPLAN_SECONDS} from the last interval's speed; also whenever the run reaches its plan with time left (a first
 * plan made from the slow first steps can be far too short). Planned once at step 100, a run whose machine sped up finished
 * its schedule early (12-minute runs ended after 10.9 minutes), and one whose machine slowed down was stopped by
 * the clock at 60 % of its schedule, its learning rate still high.
 */
public final class TimedPlan {
    /** How often the plan is renewed once the speed has settled. */
    public static final double REPLAN_SECONDS = 60;

    private final double budgetSeconds;
    private final long startedNanos;
    private final long loopStartNanos;
    private long intervalStartNanos;
    private int intervalStartDone;

    /**
     * @param minutes      the time asked for (> 0)
     * @param startedNanos when the run started ({@link System#nanoTime()}): the budget counts the work before the
     *                     first step (loading, the first held-out loss) too
     * @param loopStartNanos when the first step started
     */
    public TimedPlan(double minutes, long startedNanos, long loopStartNanos) {
        if (!(minutes > 0)) {
            throw new IllegalArgumentException("a timed plan needs minutes > 0, got " + minutes);
        }
        this.budgetSeconds = minutes * 60;
        this.startedNanos = startedNanos;
        this.loopStartNanos = loopStartNanos;
        this.intervalStartNanos = loopStartNanos;
    }

    /**
     * The new number of steps in all, or -1 when the plan stays as it is.
     *
     * @param stepsDone the steps done in all (a resumed run's earlier ones included)
     * @param done      the steps done since the loop started
     * @param now       {@link System#nanoTime()} after step {@code done}
     * @param planned   the steps planned in all so far
     */
    public int update(int stepsDone, int done, long now, int planned) {
        double left = budgetSeconds - seconds(startedNanos, now);
        double speed;
        if (done == 10) {
            speed = done / seconds(loopStartNanos, now);
        } else if (done > 10 && (done == 100 || seconds(intervalStartNanos, now) >= REPLAN_SECONDS
                || stepsDone >= planned && left > 0)) {
            speed = (done - intervalStartDone) / seconds(intervalStartNanos, now);
        } else {
            return -1;
        }
        intervalStartNanos = now; // the next speed is measured from here
        intervalStartDone = done;
        return (int) Math.min(Integer.MAX_VALUE / 2, stepsDone + Math.max(1, left * speed));
    }

    private static double seconds(long from, long to) {
        return Math.max((to - from) / 1e9, 1e-9);
    }
}
