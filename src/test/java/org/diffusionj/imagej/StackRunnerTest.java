package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.gui.NewImage;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import org.diffusionj.engine.CancelledException;
import org.junit.jupiter.api.Test;

class StackRunnerTest {

    private static Settings settings(DiffusionTask task, String options) {
        return SettingsReader.read(task.macroName(), task.parameters(), options, w -> { });
    }

    private static StackRunner.Output run(DiffusionTask task, ImagePlus image, String options, PlaneFunction f) {
        return StackRunner.run(task, image, settings(task, options), f, new ImageJProgress(task.macroName()), "Model: fake\n");
    }

    private static ImagePlus calibrated(ImagePlus imp) {
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.5;
        cal.pixelHeight = 0.25;
        cal.setUnit("um");
        return imp;
    }

    @Test
    void zConsistentSendsEachChannelsAndFramesSlicesTogether() {
        ImagePlus imp = NewImage.createFloatImage("hyper", 16, 12, 2 * 3 * 2, NewImage.FILL_RAMP);
        imp.setDimensions(2, 3, 2);
        imp.setOpenAsHyperStack(true);
        imp.setPosition(1, 2, 2);
        DiffusionTask task = new SdEditTask();
        java.util.List<Integer> groups = new java.util.ArrayList<>();
        PlaneFunction plane = FakeFunctions.add(1);
        StackFunction stacks = (slices, mask, progress) -> {
            groups.add(slices.size());
            return slices.stream().map(s -> plane.apply(s, mask, progress)).toList();
        };
        Settings consistent = settings(task, "z=consistent");
        assertTrue(task.prepareStack(consistent) != null);
        StackRunner.Output out = StackRunner.run(task, imp, consistent, plane, stacks,
                new ImageJProgress(task.macroName()), "Model: fake\n");
        // every slice of the current frame, each channel's three slices together
        assertEquals(java.util.List.of(3, 3), groups);
        assertEquals(3, out.image().getNSlices());
        assertEquals(1, out.image().getNFrames());
        assertEquals(imp.getStack().getProcessor(imp.getStackIndex(2, 3, 2)).getf(5) + 1,
                out.image().getStack().getProcessor(out.image().getStackIndex(2, 3, 1)).getf(5), 1e-6);
        groups.clear();
        StackRunner.run(task, imp, settings(task, "z=consistent stack"), plane, stacks,
                new ImageJProgress(task.macroName()), "Model: fake\n");
        assertEquals(java.util.List.of(3, 3, 3, 3), groups, "with stack: every frame too");
        assertEquals(null, task.prepareStack(settings(task, "z=independent")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> task.prepareStack(settings(task, "z=consistent zweight=2")));
        assertTrue(e.getMessage().contains("zweight") || e.getMessage().contains("zWeight"), e.getMessage());
    }

    @Test
    void inpaintChangesOnlyTheSelectionAndLeavesTheInputAlone() {
        ImagePlus imp = calibrated(NewImage.createByteImage("cells.tif", 32, 24, 1, NewImage.FILL_RAMP));
        imp.setRoi(new Roi(4, 4, 10, 8));
        byte[] before = ((byte[]) imp.getProcessor().getPixels()).clone();
        StackRunner.Output out = run(new InpaintTask(), imp, "steps=3", FakeFunctions.add(50));
        ImagePlus r = out.image();
        assertEquals("cells-inpaint", r.getTitle());
        assertEquals(8, r.getBitDepth());
        assertEquals(0.5, r.getCalibration().pixelWidth);
        assertEquals(imp.getCalibration().getUnit(), r.getCalibration().getUnit());
        ImageProcessor ip = r.getProcessor();
        ImageProcessor in = imp.getProcessor();
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = x >= 4 && x < 14 && y >= 4 && y < 12;
                int expected = inside ? Math.min(255, in.get(x, y) + 50) : in.get(x, y);
                assertEquals(expected, ip.get(x, y), "pixel " + x + "," + y);
            }
        }
        assertArrayEquals(before, (byte[]) imp.getProcessor().getPixels(), "the input is never modified");
        String info = (String) r.getProperty("Info");
        assertTrue(info.contains("run(\"Diffusion Inpaint\", \"grow=0"), info);
        assertTrue(info.contains("diffusion.steps = 3"), info);
        assertTrue(info.contains("metric.error = 0.5"), info);
        assertEquals(0.5, out.metrics().get("error"), 1e-12);
    }

    @Test
    void inpaintWithoutSelectionIsAClearError() {
        ImagePlus imp = NewImage.createByteImage("a", 8, 8, 1, NewImage.FILL_RAMP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new InpaintTask(), imp, "", FakeFunctions.add(1)));
        assertTrue(e.getMessage().contains("an area selection is needed"), e.getMessage());
    }

    @Test
    void sixteenBitValuesAreClampedNotWrapped() {
        ImagePlus imp = NewImage.createShortImage("n", 8, 8, 1, NewImage.FILL_BLACK);
        imp.getProcessor().set(0, 0, 65000);
        ImagePlus r = run(new SdEditTask(), imp, "strength=0.3", FakeFunctions.add(1000)).image();
        assertEquals(16, r.getBitDepth());
        assertEquals(65535, r.getProcessor().get(0, 0));
        assertEquals(1000, r.getProcessor().get(1, 1));
    }

    @Test
    void rgbStaysRgb() {
        ImagePlus imp = NewImage.createRGBImage("he.tif", 10, 10, 1, NewImage.FILL_RAMP);
        ImagePlus r = run(new SdEditTask(), imp, "", FakeFunctions.add(0)).image();
        assertEquals(24, r.getBitDepth());
        assertArrayEquals((int[]) imp.getProcessor().getPixels(), (int[]) r.getProcessor().getPixels());
    }

    @Test
    void hyperstackCurrentPlaneOrEveryPlane() {
        ImagePlus imp = IJ.createImage("hs", "16-bit ramp", 12, 10, 2, 3, 4);
        imp.setPosition(2, 2, 3);
        ImagePlus one = run(new SdEditTask(), imp, "", FakeFunctions.add(5)).image();
        assertEquals(2, one.getNChannels(), "channels stay together");
        assertEquals(1, one.getNSlices());
        assertEquals(1, one.getNFrames());
        int source = imp.getStackIndex(2, 2, 3);
        assertEquals(imp.getStack().getProcessor(source).get(3, 3) + 5, one.getStack().getProcessor(2).get(3, 3));

        ImagePlus all = run(new SdEditTask(), imp, "stack", FakeFunctions.add(5)).image();
        assertEquals(24, all.getStackSize());
        assertEquals(3, all.getNSlices());
        assertEquals(4, all.getNFrames());
        assertTrue(all.isComposite() || all.isHyperStack());
        for (int i = 1; i <= 24; i++) {
            assertEquals(imp.getStack().getProcessor(i).get(5, 5) + 5, all.getStack().getProcessor(i).get(5, 5));
        }
    }

    @Test
    void colorizeMakesRgbFromEightBitAndAColourCompositeFromSixteen() {
        ImagePlus gray8 = NewImage.createByteImage("g", 6, 6, 1, NewImage.FILL_RAMP);
        ImagePlus rgb = run(new ColorizeTask(), gray8, "", FakeFunctions.grayToColor()).image();
        assertEquals(24, rgb.getBitDepth());
        assertEquals("g-color", rgb.getTitle());

        ImagePlus gray16 = calibrated(NewImage.createShortImage("g16", 6, 6, 1, NewImage.FILL_RAMP));
        ImagePlus c16 = run(new ColorizeTask(), gray16, "", FakeFunctions.grayToColor()).image();
        assertEquals(16, c16.getBitDepth());
        assertEquals(3, c16.getNChannels());
        assertTrue(c16 instanceof CompositeImage);
        assertEquals(0.25, c16.getCalibration().pixelHeight);
    }

    @Test
    void superResolutionScalesThePixelSize() {
        ImagePlus imp = calibrated(NewImage.createFloatImage("f.tif", 8, 6, 1, NewImage.FILL_RAMP));
        imp.getCalibration().xOrigin = 3;
        StackRunner.Output out = run(new SuperResolutionTask(), imp, "scale=4 samples=2", FakeFunctions.upsample(4));
        ImagePlus r = out.image();
        assertEquals(32, r.getWidth());
        assertEquals(24, r.getHeight());
        assertEquals("f-x4", r.getTitle());
        assertEquals(0.125, r.getCalibration().pixelWidth, 1e-12);
        assertEquals(0.0625, r.getCalibration().pixelHeight, 1e-12);
        assertEquals(12, r.getCalibration().xOrigin, 1e-12);
        assertNotNull(out.stdDev());
        assertEquals(32, out.stdDev().getWidth());
        assertEquals("f-x4-SD", out.stdDev().getTitle());
    }

    @Test
    void cancellingLeavesNoImage() {
        ImagePlus imp = IJ.createImage("s", "8-bit ramp", 8, 8, 3);
        boolean[] cancel = {false};
        ImageJProgress progress = new ImageJProgress("test", () -> cancel[0]);
        DiffusionTask task = new SdEditTask();
        assertThrows(CancelledException.class, () -> StackRunner.run(task, imp, settings(task, "stack"),
                FakeFunctions.cancelAfter(4, cancel), progress, ""));
        assertNull(ij.WindowManager.getImage("s-sdedit"));
    }

    @Test
    void invalidValuesFromTheModelAreAnErrorNotABlackImage() {
        ImagePlus imp = NewImage.createByteImage("a", 8, 8, 1, NewImage.FILL_RAMP);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(new SdEditTask(), imp, "", FakeFunctions.add(Float.NaN)));
        assertTrue(e.getMessage().contains("64 invalid"), e.getMessage());
    }

    @Test
    void nullTextEditNeedsATarget() {
        ImagePlus imp = NewImage.createByteImage("a", 8, 8, 1, NewImage.FILL_RAMP);
        DiffusionTask task = new NullTextEditTask();
        assertThrows(IllegalArgumentException.class, () -> run(task, imp, "source=none", FakeFunctions.add(0)));
        assertEquals("a-alpha", run(task, imp, "target=alpha", FakeFunctions.add(0)).image().getTitle());
    }

    @Test
    void isotropicNeedsAStackAndAThickVoxelOrAFactor() {
        IsotropicTask task = new IsotropicTask();
        ImagePlus plane = NewImage.createShortImage("p", 16, 16, 1, NewImage.FILL_RAMP);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> task.resolve(plane, settings(task, "")));
        assertTrue(e.getMessage().contains("needs a z-stack"), e.getMessage());
        ImagePlus stack = NewImage.createShortImage("s", 16, 16, 3, NewImage.FILL_RAMP);
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> task.resolve(stack, settings(task, "")));
        assertTrue(e.getMessage().contains("give factor=N"), e.getMessage());
        stack.getCalibration().pixelWidth = 0.2;
        stack.getCalibration().pixelHeight = 0.2;
        stack.getCalibration().pixelDepth = 0.62;
        assertEquals(3, task.resolve(stack, settings(task, "")).integer(Keys.FACTOR), "0.62 / 0.2 rounds to 3");
        assertEquals(5, task.resolve(stack, settings(task, "factor=5")).integer(Keys.FACTOR));
    }

    @Test
    void volumeTasksGetEachChannelsZStackAndKeepImageJsOrder() {
        // 2 channels x 3 slices x 2 frames, 32-bit; each pixel holds 100 c + 10 z + t
        ImagePlus imp = ij.IJ.createHyperStack("h", 4, 4, 2, 3, 2, 32);
        for (int t = 1; t <= 2; t++) {
            for (int z = 1; z <= 3; z++) {
                for (int c = 1; c <= 2; c++) {
                    imp.getStack().getProcessor(imp.getStackIndex(c, z, t)).set(100 * c + 10 * z + t);
                }
            }
        }
        // a stand-in that repeats every slice twice (a volume task of factor 2)
        PlaneFunction twice = (volume, mask, progress) -> {
            int w = (int) volume.dimension(0);
            int h = (int) volume.dimension(1);
            int d = (int) volume.dimension(2);
            float[] out = new float[w * h * d * 2];
            net.imglib2.RandomAccess<net.imglib2.type.numeric.real.FloatType> a = volume.randomAccess();
            for (int z = 0; z < 2 * d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        a.setPosition(new long[] {x, y, z / 2});
                        out[(z * h + y) * w + x] = a.get().get();
                    }
                }
            }
            return new org.diffusionj.api.Result(net.imglib2.img.array.ArrayImgs.floats(out, w, h, 2 * d), null,
                    java.util.Map.of());
        };
        ImagePlus r = run(new IsotropicTask(), imp, "factor=2 stack", twice).image();
        assertEquals(2, r.getNChannels());
        assertEquals(6, r.getNSlices());
        assertEquals(2, r.getNFrames());
        for (int t = 1; t <= 2; t++) {
            for (int z = 1; z <= 6; z++) {
                for (int c = 1; c <= 2; c++) {
                    float v = r.getStack().getProcessor(r.getStackIndex(c, z, t)).getf(1, 1);
                    assertEquals(100 * c + 10 * ((z + 1) / 2) + t, v, 0, "c" + c + " z" + z + " t" + t);
                }
            }
        }
        ImagePlus current = run(new IsotropicTask(), imp, "factor=2", twice).image();
        assertEquals(1, current.getNFrames(), "without stack: the current frame only");
    }
}
