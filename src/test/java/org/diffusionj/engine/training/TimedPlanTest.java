package org.diffusionj.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** A timed run's plan against a simulated clock: the schedule ends when the time does, whatever the speed does. */
class TimedPlanTest {
    private static final double MINUTES = 12;

    /** Where a run ended: the seconds it took and the share of its (last) plan it did. */
    private record End(double seconds, int steps, int planned) {
    }

    /** A run as PriorTraining loops: a step, then the plan renewed, then the clock checked. */
    private static End run(IntToDoubleFunction secondsOfStep) {
        double setup = 20; // loading and the first held-out loss count against the budget
        long start = 0;
        long loopStart = (long) (setup * 1e9);
        TimedPlan plan = new TimedPlan(MINUTES, start, loopStart);
        double clock = setup;
        int total = Integer.MAX_VALUE / 2;
        int done = 0;
        while (done < total) {
            clock += secondsOfStep.applyAsDouble(done);
            done++;
            int planned = plan.update(done, done, (long) (clock * 1e9), total);
            if (planned >= 0) {
                total = planned;
            }
            if (clock > MINUTES * 60) {
                break;
            }
        }
        return new End(clock, done, total);
    }

    @Test
    void aSteadyRunEndsOnTime() {
        End e = run(k -> k < 10 ? 2 : 0.3);
        assertEquals(e.planned(), e.steps(), "the schedule finished");
        assertTrue(e.seconds() > MINUTES * 60 - 2 && e.seconds() <= MINUTES * 60 + 0.3, "ended at " + e.seconds());
    }

    /** Planned once at step 100, this run finished its schedule after about 6 of its 12 minutes. */
    @Test
    void aRunThatSpeedsUpUsesItsTime() {
        End e = run(k -> k < 150 ? 1.0 : 0.5);
        assertEquals(e.planned(), e.steps());
        assertTrue(e.seconds() > MINUTES * 60 - 5, "ended at " + e.seconds() + " s of " + MINUTES * 60);
    }

    /** Planned once at step 100, this run was stopped by the clock at about half of its schedule. */
    @Test
    void aRunThatSlowsDownStillFinishesItsSchedule() {
        End e = run(k -> k < 150 ? 0.5 : 1.0);
        assertTrue(e.steps() >= 0.97 * e.planned(), e.steps() + " of " + e.planned() + " planned steps");
        assertTrue(e.seconds() <= MINUTES * 60 + 1, "ended at " + e.seconds());
    }

    /** Slow first steps (15 s, then 5 s each): the first plan (about 50 steps) is renewed before it ends the run. */
    @Test
    void aSlowStartDoesNotEndTheRunEarly() {
        End e = run(k -> k < 10 ? 15 : 5);
        assertTrue(e.seconds() > MINUTES * 60 - 10, "ended at " + e.seconds() + " s of " + MINUTES * 60);
    }

    @Test
    void minutesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TimedPlan(0, 0, 0));
    }
}
