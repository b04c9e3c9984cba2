package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Diffusion command run headless through ImageJ's real macro interpreter on the test images, with
 * the fixture model; results are saved by the macro and checked here.
 */
class MacroCommandsTest {
    private static final String IMAGES = Paths.get("test-images").toAbsolutePath() + "/";
    private static final String MODEL = "model=[" + Fixture.folder() + "] steps=2 ";

    @TempDir
    Path out;

    /** Runs a macro with OUT and IMAGES defined; returns the exit status and what it printed. */
    private HeadlessMacro.Run macro(String body) {
        return HeadlessMacro.run("OUT = \"" + out + "/\"; IMAGES = \"" + IMAGES + "\"; setBatchMode(true);\n" + body, "");
    }

    private ImagePlus saved(String name) {
        ImagePlus imp = IJ.openImage(out.resolve(name).toString());
        assertTrue(imp != null, name + " was not written");
        return imp;
    }

    @Test
    void inpaintChangesOnlyTheSelectionAndTheSeedReproduces() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"cell-brightfield.tif\"); makeRectangle(40, 100, 40, 32); run(\"Crop\");\n"
                + "saveAs(\"Tiff\", OUT + \"input.tif\"); makeOval(8, 6, 20, 16);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL + "seed=7 feather=2\"); saveAs(\"Tiff\", OUT + \"a.tif\");\n"
                + "selectImage(\"input.tif\");\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL + "seed=7 feather=2\"); saveAs(\"Tiff\", OUT + \"b.tif\");\n"
                + "selectImage(\"input.tif\");\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL + "seed=8 feather=2\"); saveAs(\"Tiff\", OUT + \"c.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus input = saved("input.tif");
        ImagePlus a = saved("a.tif");
        assertEquals(40, a.getWidth());
        assertEquals(32, a.getHeight());
        assertEquals(8, a.getBitDepth());
        assertEquals(input.getCalibration().pixelWidth, a.getCalibration().pixelWidth, 1e-12);
        assertEquals(input.getCalibration().getUnit(), a.getCalibration().getUnit());
        ij.gui.OvalRoi oval = new ij.gui.OvalRoi(8, 6, 20, 16);
        ImageProcessor in = input.getProcessor();
        ImageProcessor res = a.getProcessor();
        int changed = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 40; x++) {
                if (!oval.contains(x, y)) {
                    assertEquals(in.get(x, y), res.get(x, y), "outside the selection at " + x + "," + y);
                } else if (in.get(x, y) != res.get(x, y)) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "nothing changed inside the selection");
        assertArrayEquals((byte[]) res.getPixels(), (byte[]) saved("b.tif").getProcessor().getPixels(), "same seed");
        assertNotEquals(java.util.Arrays.hashCode((byte[]) res.getPixels()),
                java.util.Arrays.hashCode((byte[]) saved("c.tif").getProcessor().getPixels()), "another seed");
        assertTrue(((String) a.getProperty("Info")).contains("Diffusion Inpaint"));
    }

    /** From pure noise the last steps run again (the final jump); {@code rerun} sets their share, 0 none. */
    @Test
    void rerunSetsHowManyOfTheLastStepsRunAgain() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"nuclei-fluorescence-16bit.tif\"); makeRectangle(60, 60, 40, 32); run(\"Crop\");\n"
                + "rename(\"input\"); makeRectangle(0, 12, 40, 2);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL.replace("steps=2", "steps=10")
                + "\"); saveAs(\"Tiff\", OUT + \"default.tif\"); close();\n"
                + "selectImage(\"input\"); makeRectangle(0, 12, 40, 2);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL.replace("steps=2", "steps=10")
                + "rerun=0\"); saveAs(\"Tiff\", OUT + \"off.tif\"); close();\n"
                + "selectImage(\"input\"); makeRectangle(0, 12, 40, 2);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL.replace("steps=2", "steps=10")
                + "rerun=0.95\"); print(\"NOT REACHED\");\n");
        String defaultInfo = (String) saved("default.tif").getProperty("Info");
        assertTrue(defaultInfo.contains("metric.evaluations = 14"), "10 steps and 4 again: " + defaultInfo);
        String offInfo = (String) saved("off.tif").getProperty("Info");
        assertTrue(offInfo.contains("metric.evaluations = 10"), offInfo);
        assertTrue(offInfo.contains("rerun=0"), "the recorded line repeats what ran: " + offInfo);
        assertTrue(r.output().contains("rerun") && !r.output().contains("NOT REACHED"), r.output());
    }

    @Test
    void thinDefectRepairStartsFromTheSmoothFillAndWeighsTheDrawsAgainstIt() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"nuclei-fluorescence-16bit.tif\"); makeRectangle(60, 60, 40, 32); run(\"Crop\");\n"
                + "saveAs(\"Tiff\", OUT + \"input.tif\"); makeRectangle(0, 12, 40, 2);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL.replace("steps=2", "steps=10")
                + "start=0.3 samples=2\"); saveAs(\"Tiff\", OUT + \"blend.tif\"); close();\n" // the result is in front
                + "selectImage(\"input-inpaint-SD\"); saveAs(\"Tiff\", OUT + \"sd.tif\"); close();\n"
                + "selectImage(\"input.tif\"); makeRectangle(0, 12, 40, 2);\n"
                + "run(\"Diffusion Inpaint\", \"" + MODEL.replace("steps=2", "steps=10")
                + "start=0.3 samples=2 estimate=mean\"); saveAs(\"Tiff\", OUT + \"mean.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus input = saved("input.tif");
        ImagePlus blend = saved("blend.tif");
        assertEquals(16, blend.getBitDepth());
        assertEquals(32, saved("sd.tif").getBitDepth(), "two draws add a standard-deviation image");
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 40; x++) {
                if (y < 12 || y > 13) {
                    assertEquals(input.getProcessor().get(x, y), blend.getProcessor().get(x, y), x + "," + y);
                }
            }
        }
        String info = (String) blend.getProperty("Info");
        assertTrue(info.contains("metric.fillWeight = "), info);
        assertTrue(info.contains("metric.evaluations = 6"), "3 of 10 steps, 2 draws: " + info);
        ImagePlus mean = saved("mean.tif");
        assertTrue(!((String) mean.getProperty("Info")).contains("fillWeight"));
        int differ = 0;
        for (int x = 0; x < 40; x++) {
            differ += blend.getProcessor().get(x, 12) != mean.getProcessor().get(x, 12) ? 1 : 0;
        }
        assertTrue(differ > 0, "the same draws, weighed against the fill, change the defect's pixels");
    }

    @Test
    void colorizeTurnsGrayIntoRgbKeepingTheGray() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"he-histology.tif\"); makeRectangle(64, 64, 32, 24); run(\"Crop\");\n"
                + "run(\"8-bit\"); saveAs(\"Tiff\", OUT + \"gray.tif\");\n"
                + "run(\"Diffusion Colorize\", \"" + MODEL + "\"); saveAs(\"Tiff\", OUT + \"color.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus gray = saved("gray.tif");
        ImagePlus color = saved("color.tif");
        assertEquals(24, color.getBitDepth());
        assertEquals(gray.getWidth(), color.getWidth());
        int[] rgb = (int[]) color.getProcessor().getPixels();
        double error = 0;
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i];
            double mean = (((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff)) / 3.0;
            error += Math.abs(mean - gray.getProcessor().get(i));
        }
        assertTrue(error / rgb.length < 1, "mean |gray(result) - input| = " + error / rgb.length);
    }

    @Test
    void colorizeOfThirtyTwoBitGivesAColourCompositeWithTheSameGray() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"nuclei-fluorescence-16bit.tif\"); makeRectangle(64, 64, 24, 16); run(\"Crop\");\n"
                + "run(\"32-bit\"); saveAs(\"Tiff\", OUT + \"gray32.tif\");\n"
                + "run(\"Diffusion Colorize\", \"" + MODEL + "\"); saveAs(\"Tiff\", OUT + \"color32.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus gray = saved("gray32.tif");
        ImagePlus color = saved("color32.tif");
        assertEquals(32, color.getBitDepth());
        assertEquals(3, color.getNChannels());
        float[] g = (float[]) gray.getProcessor().getPixels();
        double range = gray.getStatistics().max - gray.getStatistics().min;
        for (int i = 0; i < g.length; i++) {
            double mean = 0;
            for (int c = 1; c <= 3; c++) {
                mean += color.getStack().getProcessor(c).getf(i) / 3.0;
            }
            assertEquals(g[i], mean, 1e-3 * range, "gray of pixel " + i);
        }
    }

    @Test
    void superResolutionScalesSizeAndCalibration() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"nuclei-fluorescence-16bit.tif\"); makeRectangle(100, 100, 24, 20);\n"
                + "run(\"Crop\"); setVoxelSize(0.4, 0.4, 1, \"um\");\n"
                + "saveAs(\"Tiff\", OUT + \"small.tif\");\n"
                + "run(\"Diffusion Super-Resolution\", \"scale=2 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"big.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus big = saved("big.tif");
        assertEquals(48, big.getWidth());
        assertEquals(40, big.getHeight());
        assertEquals(16, big.getBitDepth());
        assertEquals(0.2, big.getCalibration().pixelWidth, 1e-9);
        assertEquals("big.tif", big.getTitle());
    }

    @Test
    void sdeditInsideASelectionOverAStack() {
        HeadlessMacro.Run r = macro("newImage(\"st\", \"8-bit ramp\", 24, 24, 2); setSlice(2); setColor(200); fillOval(2, 2, 16, 16);\n"
                + "setSlice(1); saveAs(\"Tiff\", OUT + \"stack.tif\"); makeRectangle(4, 4, 10, 10);\n"
                + "run(\"Diffusion SDEdit\", \"strength=0.5 stack " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"edited.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus in = saved("stack.tif");
        ImagePlus ed = saved("edited.tif");
        assertEquals(2, ed.getStackSize());
        for (int s = 1; s <= 2; s++) {
            ImageProcessor a = in.getStack().getProcessor(s);
            ImageProcessor b = ed.getStack().getProcessor(s);
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 24; x++) {
                    if (x < 4 || x >= 14 || y < 4 || y >= 14) {
                        assertEquals(a.get(x, y), b.get(x, y), "slice " + s + " outside at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void zConsistentSuperResolutionTakesEverySliceTogetherAndLeavesTheInputUnchanged() {
        HeadlessMacro.Run r = macro("newImage(\"st\", \"8-bit ramp\", 16, 16, 3); setSlice(2); setColor(200);"
                + " fillOval(2, 2, 10, 10); setSlice(3); fillOval(3, 2, 10, 10); setSlice(2);\n"
                + "saveAs(\"Tiff\", OUT + \"stack.tif\");\n"
                + "run(\"Diffusion Super-Resolution\", \"scale=2 z=consistent zweight=0.1 " + MODEL + "\");\n"
                + "saveAs(\"Tiff\", OUT + \"x2.tif\"); selectImage(\"stack.tif\");"
                + " saveAs(\"Tiff\", OUT + \"after.tif\");\n"
                + "run(\"Diffusion Denoise\", \"z=sometimes " + MODEL + "\"); print(\"NOT REACHED\");\n");
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("z: 'sometimes' is not one of [independent, consistent]"), r.output());
        assertTrue(!r.output().contains("NOT REACHED") && !r.output().contains("\tat "), r.output());
        ImagePlus in = saved("stack.tif");
        ImagePlus x2 = saved("x2.tif");
        assertEquals(3, x2.getStackSize(), "z=consistent takes every slice, not only the current one");
        assertEquals(32, x2.getWidth());
        ImagePlus after = saved("after.tif");
        for (int s = 1; s <= 3; s++) {
            assertArrayEquals((byte[]) in.getStack().getPixels(s), (byte[]) after.getStack().getPixels(s),
                    "input slice " + s + " unchanged");
        }
    }

    @Test
    void denoiseInsideASelectionEstimatesTheNoiseAndKeepsTheOutside() {
        // 16-bit camera data: offset 100, gain 2, about Poisson photon counts (40 and 120 photons) and read noise 3
        HeadlessMacro.Run r = macro("newImage(\"n\", \"16-bit black\", 96, 96, 1); random(\"seed\", 1);\n"
                + "for (y = 0; y < 96; y++) for (x = 0; x < 96; x++) {\n"
                + "  p = 40; if ((x - 48) * (x - 48) + (y - 48) * (y - 48) < 400) p = 120;\n"
                + "  setPixel(x, y, round(100 + 2 * (p + sqrt(p) * random(\"gaussian\")) + 3 * random(\"gaussian\")));\n"
                + "}\nsaveAs(\"Tiff\", OUT + \"noisy.tif\");\n"
                + "makeRectangle(16, 16, 48, 48);\n"
                + "run(\"Diffusion Denoise\", \"offset=100 steps=20 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"denoised.tif\");\n"
                + "print(getMetadata(\"Info\"));\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus in = saved("noisy.tif");
        ImagePlus out = saved("denoised.tif");
        assertEquals(16, out.getBitDepth());
        int changed = 0;
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                boolean inside = x >= 16 && x < 64 && y >= 16 && y < 64;
                int a = in.getProcessor().get(x, y);
                int b = out.getProcessor().get(x, y);
                if (!inside) {
                    assertEquals(a, b, "outside at " + x + "," + y);
                } else {
                    changed += a != b ? 1 : 0;
                }
            }
        }
        assertTrue(changed > 48 * 48 / 2, "inside changed: " + changed);
        assertTrue(r.output().contains("metric.gain = "), "the noise estimate is in the Info:\n" + r.output());
        assertTrue(r.output().contains("metric.blendWeight = "), "four draws are blended with a blur:\n" + r.output());
    }

    /** A stack of clean planes: the Log says so once per run, plane by plane or z-consistent, not once per plane. */
    @Test
    void denoiseSaysWhatItFoundOncePerStack() {
        String finding = "no measurable noise in this image or plane";
        for (String z : new String[] {"", " z=consistent"}) {
            HeadlessMacro.Run r = macro("newImage(\"clean\", \"16-bit ramp\", 48, 48, 4);\n"
                    + "run(\"Diffusion Denoise\", \"steps=20 stack" + z + " " + MODEL + "\"); print(\"slices \" + nSlices);\n");
            assertEquals(0, r.status(), r.output());
            assertTrue(r.output().contains("slices 4"), r.output());
            assertEquals(1, r.output().split(finding, -1).length - 1, "said once" + z + ":\n" + r.output());
        }
    }

    /**
     * The bad inputs of Denoise, through the macro command: an image without noise comes back unchanged and the Log
     * says so; offset-subtracted data with negative values and a saturated 8-bit image are denoised (finite values,
     * the input's type), their inputs untouched.
     */
    @Test
    void denoiseHandlesNoiselessNegativeAndSaturatedImages() {
        HeadlessMacro.Run r = macro("newImage(\"flat\", \"16-bit ramp\", 48, 48, 1);\n"
                + "run(\"Diffusion Denoise\", \"steps=20 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"clean.tif\");\n"
                + "newImage(\"neg\", \"32-bit black\", 48, 48, 1); random(\"seed\", 4);\n"
                + "for (y = 0; y < 48; y++) for (x = 0; x < 48; x++) setPixel(x, y, x - 20 + 4 * random(\"gaussian\"));\n"
                + "saveAs(\"Tiff\", OUT + \"negative.tif\");\n"
                + "run(\"Diffusion Denoise\", \"samples=2 steps=20 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"negative-out.tif\");\n"
                + "newImage(\"sat\", \"8-bit black\", 64, 64, 1);\n"
                + "for (y = 0; y < 64; y++) for (x = 0; x < 64; x++) { v = 60; if ((x - 32) * (x - 32) + (y - 32) * (y - 32) < 256) v = 300;"
                + " setPixel(x, y, minOf(255, v + 6 * random(\"gaussian\"))); }\n"
                + "saveAs(\"Tiff\", OUT + \"saturated.tif\");\n"
                + "run(\"Diffusion Denoise\", \"samples=2 steps=20 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"saturated-out.tif\");\n");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("no measurable noise in this image or plane; it is returned unchanged"), r.output());
        ImagePlus ramp = ij.IJ.createImage("ramp", "16-bit ramp", 48, 48, 1);
        assertArrayEquals((short[]) ramp.getProcessor().getPixels(), (short[]) saved("clean.tif").getProcessor()
                .getPixels(), "the noiseless image comes back unchanged");
        float[] negative = (float[]) saved("negative-out.tif").getProcessor().getPixels();
        float[] negativeIn = (float[]) saved("negative.tif").getProcessor().getPixels();
        int changed = 0;
        for (int i = 0; i < negative.length; i++) {
            assertTrue(Float.isFinite(negative[i]), "pixel " + i);
            changed += negative[i] != negativeIn[i] ? 1 : 0;
        }
        assertTrue(changed > negative.length / 2, "negative data denoised: " + changed + " changed");
        ImagePlus saturated = saved("saturated-out.tif");
        assertEquals(8, saturated.getBitDepth());
        byte[] satIn = (byte[]) saved("saturated.tif").getProcessor().getPixels();
        byte[] satOut = (byte[]) saturated.getProcessor().getPixels();
        assertFalse(java.util.Arrays.equals(satIn, satOut), "the saturated image was denoised");
        // small: too few pixels for the signal-dependent fit, so Gaussian noise alone, measured, and said
        r = macro("newImage(\"small\", \"16-bit black\", 24, 24, 1); random(\"seed\", 6);\n"
                + "for (y = 0; y < 24; y++) for (x = 0; x < 24; x++) setPixel(x, y, 500 + 20 * random(\"gaussian\"));\n"
                + "run(\"Diffusion Denoise\", \"steps=20 " + MODEL + "\"); print(getMetadata(\"Info\"));\n");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Gaussian noise of SD"), r.output());
        java.util.regex.Matcher sd = java.util.regex.Pattern.compile("metric.readSigma = ([0-9.]+)").matcher(r.output());
        assertTrue(sd.find(), r.output());
        assertEquals(20, Double.parseDouble(sd.group(1)), 6, "the measured SD of the small image's noise");
        // all but a corner clipped: no estimate is possible, which is not the same as no noise; returned unchanged
        // (a stack goes on with its other planes), and the Log says why
        r = macro("newImage(\"clipped\", \"8-bit black\", 48, 48, 1); random(\"seed\", 5);\n"
                + "for (y = 0; y < 48; y++) for (x = 0; x < 48; x++) { v = 300; if (x < 10 && y < 10) v = 100;"
                + " setPixel(x, y, minOf(255, v + 20 * random(\"gaussian\"))); }\n"
                + "saveAs(\"Tiff\", OUT + \"clipped.tif\");\n"
                + "run(\"Diffusion Denoise\", \"steps=20 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"clipped-out.tif\");\n");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("too few smooth pixels away from the clipped values"), r.output());
        assertFalse(r.output().contains("no measurable noise"), r.output());
        assertArrayEquals((byte[]) saved("clipped.tif").getProcessor().getPixels(),
                (byte[]) saved("clipped-out.tif").getProcessor().getPixels());
    }

    /**
     * Gaussian noise alone, its SD given as {@code sigma} without a gain: denoised (not returned unchanged as "no
     * photon noise"), the model in the Info as gain 0 and that read noise; {@code estimate=mean} is the draws'
     * plain mean.
     */
    @Test
    void denoiseTakesGaussianNoiseAloneFromSigma() {
        HeadlessMacro.Run r = macro("newImage(\"g\", \"32-bit black\", 48, 48, 1); random(\"seed\", 2);\n"
                + "for (y = 0; y < 48; y++) for (x = 0; x < 48; x++) setPixel(x, y, x + 10 * random(\"gaussian\"));\n"
                + "saveAs(\"Tiff\", OUT + \"gaussian.tif\");\n"
                + "run(\"Diffusion Denoise\", \"sigma=10 samples=2 estimate=mean steps=20 " + MODEL + "\");"
                + " saveAs(\"Tiff\", OUT + \"denoised.tif\"); print(getMetadata(\"Info\"));\n");
        assertEquals(0, r.status(), r.output());
        float[] in = (float[]) saved("gaussian.tif").getProcessor().getPixels();
        float[] out = (float[]) saved("denoised.tif").getProcessor().getPixels();
        int changed = 0;
        for (int i = 0; i < in.length; i++) {
            changed += in[i] != out[i] ? 1 : 0;
        }
        assertTrue(changed > in.length / 2, "denoised: " + changed + " of " + in.length + " changed");
        assertTrue(r.output().contains("metric.gain = 0"), "Gaussian noise alone in the Info:\n" + r.output());
        assertTrue(r.output().contains("metric.readSigma = 10"), r.output());
        assertFalse(r.output().contains("no measurable noise"), r.output());
        assertTrue(r.output().contains("Gaussian noise alone of SD 10"), "said in the Log:\n" + r.output());
        assertFalse(r.output().contains("metric.blendWeight"), "estimate=mean: the plain mean\n" + r.output());
    }

    /**
     * With {@code noise} (DDNM+) through the real macro interpreter: the result is not forced to reproduce the
     * input's noise, so 2 x 2 pooling does not give the input back (the fixture model is no prior, so closeness to
     * the input is not asserted).
     */
    @Test
    void noisySuperResolutionIsNotForcedToReproduceTheInput() {
        superResolveNucleiCrop("scale=2 noise=0.05 steps=10 " + MODEL);
        ImagePlus small = saved("small.tif");
        ImagePlus noisy = saved("big.tif");
        assertEquals(48, noisy.getWidth());
        assertEquals(40, noisy.getHeight());
        assertTrue(largestPoolingDifference(noisy, small) > 1, "DDNM+ keeps the input's noise out");
    }

    /**
     * Noise-free super-resolution of a 16-bit crop with the default model: the result, rounded to 16 bits, pools back
     * to the input within the rounding (each of four values within 0.5). (The fixture model is no prior: its values
     * leave the 16-bit range and are clipped, so this needs a real one.)
     */
    @Test
    void superResolutionOfSixteenBitDataPoolsBackToTheInput() {
        superResolveNucleiCrop("scale=2 steps=10 seed=1");
        ImagePlus big = saved("big.tif");
        assertEquals(16, big.getBitDepth());
        assertTrue(largestPoolingDifference(big, saved("small.tif")) <= 0.5, "within rounding");
    }

    /** A 24 x 20 crop of the 16-bit nuclei image saved as small.tif, super-resolved with {@code options} as big.tif. */
    private void superResolveNucleiCrop(String options) {
        HeadlessMacro.Run r = macro("open(IMAGES + \"nuclei-fluorescence-16bit.tif\"); makeRectangle(100, 100, 24, 20);\n"
                + "run(\"Crop\"); saveAs(\"Tiff\", OUT + \"small.tif\");\n"
                + "run(\"Diffusion Super-Resolution\", \"" + options + "\"); saveAs(\"Tiff\", OUT + \"big.tif\");\n");
        assertEquals(0, r.status(), r.output());
    }

    /** The largest |2 x 2 mean of big - small| (16-bit values, so 1 is one unit of rounding). */
    private static double largestPoolingDifference(ImagePlus big, ImagePlus small) {
        double largest = 0;
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                double mean = (big.getProcessor().getf(2 * x, 2 * y) + big.getProcessor().getf(2 * x + 1, 2 * y)
                        + big.getProcessor().getf(2 * x, 2 * y + 1) + big.getProcessor().getf(2 * x + 1, 2 * y + 1)) / 4;
                largest = Math.max(largest, Math.abs(mean - small.getProcessor().getf(x, y)));
            }
        }
        return largest;
    }

    @Test
    void isotropicMakesFourTimesTheSlicesWhoseZAverageIsTheInput() {
        HeadlessMacro.Run r = macro("newImage(\"st\", \"32-bit ramp\", 16, 12, 3); setSlice(2); run(\"Add...\", \"value=0.5 slice\");\n"
                + "setVoxelSize(0.25, 0.25, 1, \"um\"); saveAs(\"Tiff\", OUT + \"thick.tif\");\n"
                + "run(\"Diffusion Isotropic\", \"steps=3 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"iso.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus in = saved("thick.tif");
        ImagePlus out = saved("iso.tif");
        assertEquals(12, out.getNSlices(), "factor 4 from the calibration (voxel depth 1, pixel width 0.25)");
        assertEquals(0.25, out.getCalibration().pixelDepth, 1e-9);
        for (int z = 0; z < 3; z++) {
            for (int i = 0; i < 16 * 12; i++) {
                double mean = 0;
                for (int j = 0; j < 4; j++) {
                    mean += out.getStack().getProcessor(4 * z + j + 1).getf(i) / 4;
                }
                assertEquals(in.getStack().getProcessor(z + 1).getf(i), mean, 1e-3, "z-average of slice " + z);
            }
        }
    }

    @Test
    void isotropicWithDenoiseEstimatesTheStacksNoiseAndRefusesASecondNoiseLevel() {
        // camera data: offset 100, gain 2, about Poisson photon counts from 30 to 160 (gently along x, in steps
        // along z: brightness steps between planes are not edges for the estimate), read noise 3
        HeadlessMacro.Run r = macro("newImage(\"st\", \"32-bit black\", 32, 32, 4); random(\"seed\", 2);\n"
                + "for (z = 1; z <= 4; z++) { setSlice(z); for (y = 0; y < 32; y++) for (x = 0; x < 32; x++) {\n"
                + "  p = 5 + x + 25 * z;\n"
                + "  setPixel(x, y, 100 + 2 * (p + sqrt(p) * random(\"gaussian\")) + 3 * random(\"gaussian\"));\n"
                + "}}\nsaveAs(\"Tiff\", OUT + \"noisy.tif\");\n"
                + "run(\"Diffusion Isotropic\", \"factor=2 denoise steps=4 " + MODEL + "\"); saveAs(\"Tiff\", OUT + \"iso.tif\");\n"
                + "print(getMetadata(\"Info\"));\n");
        assertEquals(0, r.status(), r.output());
        assertEquals(8, saved("iso.tif").getNSlices());
        java.util.regex.Matcher gain = java.util.regex.Pattern.compile("metric\\.gain = ([0-9.eE+-]+)")
                .matcher(r.output());
        assertTrue(gain.find(), "the noise model is in the Info:\n" + r.output());
        double g = Double.parseDouble(gain.group(1));
        assertTrue(g > 1 && g < 4, "estimated gain " + g + " (true 2)");
        HeadlessMacro.Run both = macro("open(OUT + \"noisy.tif\");\n"
                + "run(\"Diffusion Isotropic\", \"factor=2 denoise noise=0.1 steps=2 " + MODEL + "\");\n");
        assertEquals(1, both.status());
        assertTrue(both.output().contains("either denoise"), both.output());
        // Gaussian noise alone, its SD given as sigma without a gain (as for Denoise)
        HeadlessMacro.Run gaussian = macro("open(OUT + \"noisy.tif\");\n"
                + "run(\"Diffusion Isotropic\", \"factor=2 denoise sigma=7 steps=2 " + MODEL + "\");\n"
                + "print(getMetadata(\"Info\"));\n");
        assertEquals(0, gaussian.status(), gaussian.output());
        assertTrue(gaussian.output().contains("metric.gain = 0"), gaussian.output());
        assertTrue(gaussian.output().contains("metric.readSigma = 7"), gaussian.output());
        assertTrue(gaussian.output().contains("Gaussian noise alone of SD 7"), gaussian.output());
    }

    @Test
    void nullTextEditRegeneratesUnderTheTargetClass() {
        HeadlessMacro.Run r = macro("open(IMAGES + \"ihc-histology.tif\"); makeRectangle(0, 0, 16, 16); run(\"Crop\");\n"
                + "run(\"Diffusion Null-Text Edit\", \"source=alpha target=beta inner=1 guidance=2 " + MODEL + "\");\n"
                + "saveAs(\"Tiff\", OUT + \"edit.tif\");\n");
        assertEquals(0, r.status(), r.output());
        ImagePlus e = saved("edit.tif");
        assertEquals(24, e.getBitDepth());
        assertEquals(16, e.getWidth());
    }

    @Test
    void errorsAreOneLineAndStopTheMacro() {
        HeadlessMacro.Run r = macro("newImage(\"a\", \"8-bit ramp\", 32, 32, 1);\n"
                + "run(\"Diffusion Inpaint\", \"steps=2 stpes=3\"); print(\"NOT REACHED\");\n");
        assertEquals(1, r.status());
        assertTrue(r.output().contains("unknown key 'stpes'"), r.output());
        assertTrue(r.output().contains("Error: Diffusion Inpaint: an area selection is needed"), r.output());
        assertTrue(!r.output().contains("NOT REACHED") && !r.output().contains("\tat "), r.output());
    }

    @Test
    void imageJCommandsThatNeedADisplayFailClearly() {
        HeadlessMacro.Run r = macro("newImage(\"a\", \"8-bit ramp\", 32, 32, 1);\n"
                + "run(\"Properties...\", \"unit=um pixel_width=0.4\"); print(\"NOT REACHED\");\n");
        assertEquals(1, r.status());
        assertTrue(r.output().contains("opens a dialog, which needs a display"), r.output());
        assertTrue(!r.output().contains("NOT REACHED") && !r.output().contains("HeadlessException"), r.output());
    }

    @Test
    void modelsAndDeviceCheckRunHeadless() {
        HeadlessMacro.Run r = macro("run(\"Diffusion Models\", \"action=info model=[" + Fixture.folder() + "]\");\n"
                + "run(\"Diffusion Device Check\", \"model=[" + Fixture.folder() + "] device=cpu\");\n");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Model: test-fixture 1"), r.output());
        assertTrue(r.output().contains("Device: CPU"), r.output());
        assertTrue(r.output().contains("Native memory: " + org.diffusionj.runtime.NativeHeap.describe()), r.output());
        assertTrue(r.output().contains("one forward pass on 64x64"), r.output());
        assertTrue(r.output().contains("Gradients (null-text inversion; training's are checked when it starts): correct"),
                r.output());
    }
}
