package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
