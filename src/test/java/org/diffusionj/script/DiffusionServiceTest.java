package org.diffusionj.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.NewImage;
import ij.gui.Roi;
import org.diffusionj.runtime.Fixture;
import org.diffusionj.runtime.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;

/** The service as a Fiji script gets it ({@code #@ DiffusionService diffusion}), in a real SciJava context. */
class DiffusionServiceTest {
    private static final String MODEL = "model=[" + Fixture.folder() + "] steps=2";
    private static Context context;
    private static DiffusionService diffusion;

    @BeforeAll
    static void start() {
        context = new Context(DiffusionService.class);
        diffusion = context.service(DiffusionService.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    @Test
    void theContextFindsTheServiceThroughItsPluginAnnotation() {
        assertTrue(diffusion instanceof DefaultDiffusionService);
        assertTrue(diffusion.models().contains(Models.DEFAULT));
    }

    @Test
    void unknownCommandsAndMissingImagesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> diffusion.run("Diffusion Sharpen", null, ""));
        assertThrows(IllegalArgumentException.class, () -> diffusion.colorize(null, MODEL));
    }

    @Test
    void everyTaskIsCallable() {
        ImagePlus gray = NewImage.createByteImage("g", 16, 16, 1, NewImage.FILL_RAMP);
        gray.setRoi(new Roi(4, 4, 6, 6));
        ImagePlus inpainted = diffusion.inpaint(gray, MODEL);
        assertNotSame(gray, inpainted);
        assertEquals(16, inpainted.getWidth());
        assertEquals(24, diffusion.colorize(gray, MODEL).getBitDepth());
        assertEquals(32, diffusion.superResolve(gray, 2, MODEL).getWidth());
        assertEquals(8, diffusion.sdedit(gray, 0.4, MODEL).getBitDepth());
        ImagePlus edited = diffusion.nullTextEdit(gray, "alpha", "beta", MODEL + " inner=1 mode=fast");
        assertEquals("g-beta", edited.getTitle());
        ImagePlus noisy = NewImage.createShortImage("n", 64, 64, 1, NewImage.FILL_BLACK);
        java.util.Random random = new java.util.Random(1);
        short[] pixels = (short[]) noisy.getProcessor().getPixels();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (500 + 20 * random.nextGaussian());
        }
        short[] before = pixels.clone();
        ImagePlus denoised = diffusion.denoise(noisy, MODEL + " samples=2");
        assertEquals(16, denoised.getBitDepth());
        assertNotSame(noisy, denoised);
        assertTrue(denoised.getInfoProperty().contains("blendWeight"), denoised.getInfoProperty());
        assertArrayEquals(before, (short[]) noisy.getProcessor().getPixels(), "the input is not modified");
    }

    @Test
    void aScriptTrainsANewClassThatGuidanceAndNullTextEditingThenUse(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        ImagePlus stack = NewImage.createShortImage("s", 24, 24, 3, NewImage.FILL_RAMP);
        java.nio.file.Path out = diffusion.trainPrior(stack, "class=gamma model=[" + Fixture.folder() + "] output=["
                + dir.resolve("tuned") + "] steps=3 batch=2 crop=16");
        assertTrue(java.nio.file.Files.exists(out.resolve("model.json")));
        ImagePlus gray = NewImage.createByteImage("g", 16, 16, 1, NewImage.FILL_RAMP);
        String tuned = "model=[" + out + "] steps=2";
        assertEquals(8, diffusion.sdedit(gray, 0.4, tuned + " class=gamma guidance=3").getBitDepth());
        assertEquals("g-gamma", diffusion.nullTextEdit(gray, "alpha", "gamma", tuned + " inner=1").getTitle());
    }
}
