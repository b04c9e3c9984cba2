package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImageSetTest {

    @Test
    void readsTheCommittedTestImagesWithTheirKinds() {
        List<TestImageSet.Named> images = TestImageSet.read(Paths.get("test-images"));
        assertEquals(5, images.size());
        for (TestImageSet.Named n : images) {
            boolean rgb = n.name().contains("histology");
            assertEquals(rgb ? 3 : 1, n.image().channels(), n.name());
            assertTrue(n.image().range() > 10, n.name());
        }
        TestImageSet.Named nuclei = images.stream().filter(n -> n.name().startsWith("nuclei")).findFirst().get();
        assertEquals("fluorescence", nuclei.kind());
        assertTrue(nuclei.image().range() > 255, "16-bit values are kept");
        TestImageSet.Named cell = images.stream().filter(n -> n.name().startsWith("cell-")).findFirst().get();
        assertEquals(128, cell.image().width());
        assertEquals(256, cell.image().height());
    }

    @Test
    void theSyntheticImagesComeWithTheirNoiseFreeCompanions() {
        for (TestImageSet.Named n : TestImageSet.read(Paths.get("test-images"))) {
            boolean synthetic = !n.name().startsWith("cell-") && !n.name().startsWith("ihc");
            assertEquals(synthetic, n.noiseFree() != null, n.name());
            if (!synthetic) {
                continue;
            }
            // the same scene (correlated), without the noise (different by about the noise)
            FloatImage noisy = n.image();
            FloatImage clean = n.noiseFree();
            double difference = Measures.relativeRms(noisy, clean, noisy.range());
            assertTrue(difference > 0.005 && difference < 0.1, n.name() + ": " + difference);
            assertTrue(correlation(noisy, clean) > 0.95, n.name() + ": " + correlation(noisy, clean));
            TestImageSet.Crop crop = TestImageSet.crops(n, 64, 2).get(1);
            assertArrayEquals(clean.crop(crop.x(), crop.y(), 64, 64).data(), crop.noiseFree().data());
        }
        TestImageSet.Crop blobs = TestImageSet.crops(TestImageSet.synthetic(), 64, 1).get(0);
        assertSame(blobs.image(), blobs.noiseFree(), "noise-free itself: the crop");
    }

    @Test
    void aCompanionOfAnotherSizeIsRefused(@TempDir Path dir) throws IOException {
        IJ.saveAsTiff(new ImagePlus("a", new FloatProcessor(32, 32)), dir.resolve("a.tif").toString());
        IJ.saveAsTiff(new ImagePlus("a", new FloatProcessor(32, 16)), dir.resolve("a.noise-free.tif").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestImageSet.read(dir));
        assertTrue(e.getMessage().contains("a.noise-free.tif is not shaped like a.tif"), e.getMessage());
    }

    @Test
    void aCompanionIsFoundWhateverTheCaseOfItsSuffix(@TempDir Path dir) throws IOException {
        IJ.saveAsTiff(new ImagePlus("a", new FloatProcessor(32, 32)), dir.resolve("a.tif").toString());
        IJ.saveAsTiff(new ImagePlus("a", new FloatProcessor(32, 32)), dir.resolve("a.Noise-Free.TIF").toString());
        List<TestImageSet.Named> images = TestImageSet.read(dir);
        assertEquals(1, images.size(), "the companion is no image of its own");
        assertTrue(images.get(0).noiseFree() != null);
    }

    private static double correlation(FloatImage a, FloatImage b) {
        double ma = 0;
        double mb = 0;
        int n = a.data().length;
        for (int i = 0; i < n; i++) {
            ma += a.data()[i] / n;
            mb += b.data()[i] / n;
        }
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double da = a.data()[i] - ma;
            double db = b.data()[i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void kindsFollowTheFileNames() {
        assertEquals("fluorescence", TestImageSet.kindOf("nuclei-fluorescence-16bit.tif"));
        assertEquals("brightfield", TestImageSet.kindOf("cells-phase.tif"));
        assertEquals("brightfield", TestImageSet.kindOf("cell-brightfield.tif"));
        assertEquals("histology", TestImageSet.kindOf("he-histology.tif"));
        assertEquals("histology", TestImageSet.kindOf("ihc.tif"));
        assertNull(TestImageSet.kindOf("landscape.tif"));
    }

    @Test
    void cropsAreDistinctInsideTheImageAndStartAtTheCentre() {
        TestImageSet.Named tall = new TestImageSet.Named("t", null, FloatImage.zeros(128, 256, 1));
        List<TestImageSet.Crop> crops = TestImageSet.crops(tall, 64, 5);
        assertEquals(5, crops.size());
        assertEquals(32, crops.get(0).x());
        assertEquals(96, crops.get(0).y());
        Set<String> seen = new HashSet<>();
        for (TestImageSet.Crop c : crops) {
            assertTrue(c.x() >= 0 && c.y() >= 0 && c.x() + 64 <= 128 && c.y() + 64 <= 256);
            assertTrue(seen.add(c.x() + "," + c.y()));
            assertEquals(64, c.image().width());
        }
        assertEquals("t#2", crops.get(1).label());
        assertEquals(3, TestImageSet.crops(tall, 128, 5).size(), "top, middle and bottom");
        assertTrue(TestImageSet.crops(tall, 300, 2).isEmpty());
    }

    @Test
    void aFolderWithoutImagesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TestImageSet.read(Paths.get("no-such-folder")));
        assertThrows(IllegalArgumentException.class, () -> TestImageSet.read(Paths.get("src/test/resources/fixture")));
    }

    @Test
    void theSyntheticImageIsSixteenBitAndSeeded() {
        FloatImage a = SyntheticBlobs.generate(96, 80, 5);
        assertArrayEquals(a.data(), SyntheticBlobs.generate(96, 80, 5).data());
        for (float v : a.data()) {
            assertTrue(v >= 0 && v <= 65535 && v == Math.rint(v));
        }
        assertTrue(a.range() > 500, "blobs stand out of the background");
        assertEquals("fluorescence", TestImageSet.synthetic().kind());
    }
}
