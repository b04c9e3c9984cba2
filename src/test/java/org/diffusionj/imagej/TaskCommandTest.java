package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.NewImage;
import java.util.concurrent.atomic.AtomicInteger;
import org.diffusionj.engine.CancelledException;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;

/** The command path with the real engine and the fixture model: settings, engine, planes, result. */
class TaskCommandTest {
    private static Settings settings(DiffusionTask task, String options) {
        return SettingsReader.read(task.macroName(), task.parameters(), "model=[" + Fixture.folder() + "] " + options,
                w -> { });
    }

    @Test
    void escStopsWithinOneStepAndLeavesNoImage() {
        ImagePlus imp = NewImage.createByteImage("c", 24, 24, 1, NewImage.FILL_RAMP);
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger afterCancel = new AtomicInteger();
        ImageJProgress progress = new ImageJProgress("test", () -> steps.get() >= 2) {
            @Override
            public void step(int done, int total) {
                if (steps.get() >= 2) {
                    afterCancel.incrementAndGet();
                }
                steps.incrementAndGet();
            }
        };
        DiffusionTask task = new SdEditTask();
        assertThrows(CancelledException.class,
                () -> TaskCommand.execute(task, imp, settings(task, "steps=10 strength=1"), progress));
        assertTrue(afterCancel.get() <= 1, "steps after Esc: " + afterCancel.get());
        assertEquals(null, ij.WindowManager.getImage("c-sdedit"));
    }

    @Test
    void aSecondRunOnTheSameModelReusesTheEngineAndTheSeedReproduces() {
        ImagePlus imp = NewImage.createShortImage("n", 20, 16, 1, NewImage.FILL_RAMP);
        DiffusionTask task = new SdEditTask();
        ImagePlus a = TaskCommand.execute(task, imp, settings(task, "steps=3 seed=5"), new ImageJProgress("a")).image();
        ImagePlus b = TaskCommand.execute(task, imp, settings(task, "steps=3 seed=5"), new ImageJProgress("b")).image();
        assertEquals(16, a.getBitDepth());
        short[] pa = (short[]) a.getProcessor().getPixels();
        short[] pb = (short[]) b.getProcessor().getPixels();
        assertTrue(java.util.Arrays.equals(pa, pb), "same seed, same result");
        assertTrue(((String) a.getProperty("Info")).contains("Model: test-fixture 1"));
    }
}
