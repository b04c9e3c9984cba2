package org.diffusionj.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ShortProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZarrArrayTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackInAnyRegionAcrossChunks() {
        float[][] planes = new float[3][37 * 23];
        for (int z = 0; z < 3; z++) {
            for (int i = 0; i < planes[z].length; i++) {
                planes[z][i] = (z * 1000 + i * 7) % 65536;
            }
        }
        ZarrArray written = ZarrArray.create(dir.resolve("a.zarr"), new long[] {3, 23, 37}, new int[] {2, 10, 16},
                "<u2");
        written.write(planes);
        ZarrArray a = ZarrArray.open(dir.resolve("a.zarr"));
        assertEquals(3, a.planes());
        assertEquals(37, a.width());
        assertEquals(23, a.height());
        float[][] all = a.read(0, 0, 37, 23);
        for (int z = 0; z < 3; z++) {
            assertArrayEquals(planes[z], all[z]);
        }
        float[][] region = a.read(14, 8, 5, 4); // touches 2 x 2 chunks in every plane
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(planes[z][(8 + y) * 37 + 14 + x], region[z][y * 5 + x]);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> a.read(30, 0, 10, 5));
    }

    /** An array as another Zarr writer may lay it out: big-endian, gzip, "/" separator, a missing chunk. */
    @Test
    void readsGzipBigEndianNestedChunksAndFillsMissingOnes() throws IOException {
        Path array = Files.createDirectories(dir.resolve("b.zarr"));
        Files.writeString(array.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 6], \"chunks\": [2, 4], "
                + "\"dtype\": \">i2\", \"compressor\": {\"id\": \"gzip\", \"level\": 5}, \"fill_value\": -3, "
                + "\"order\": \"C\", \"filters\": null, \"dimension_separator\": \"/\"}");
        for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
                if (ky == 1 && kx == 1) {
                    continue; // absent: the fill value
                }
                ByteBuffer b = ByteBuffer.allocate(2 * 8).order(ByteOrder.BIG_ENDIAN);
                for (int i = 0; i < 8; i++) {
                    b.putShort((short) (100 * (ky * 2 + kx) - i));
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    gz.write(b.array());
                }
                Files.createDirectories(array.resolve(Integer.toString(ky)));
                Files.write(array.resolve(ky + "/" + kx), bytes.toByteArray());
            }
        }
        float[] v = ZarrArray.open(array).read(0, 0, 6, 4)[0];
        assertEquals(0, v[0]);
        assertEquals(-5, v[1 * 6 + 1]); // chunk (0, 0), row 1, column 1: element 5
        assertEquals(100, v[4]); // chunk (0, 1), element 0
        assertEquals(200 - 4, v[3 * 6 + 0]); // chunk (1, 0), row 1, column 0: element 4
        assertEquals(-3, v[3 * 6 + 5]); // chunk (1, 1) is absent
    }

    @Test
    void unsupportedArraysAreRefusedWithTheReason() throws IOException {
        Path array = Files.createDirectories(dir.resolve("c.zarr"));
        Files.writeString(array.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 6], \"chunks\": [2, 4], "
                + "\"dtype\": \"<u2\", \"compressor\": {\"id\": \"blosc\", \"cname\": \"lz4\"}, \"fill_value\": 0, "
                + "\"order\": \"C\", \"filters\": null}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZarrArray.open(array)).getMessage()
                .contains("compressor 'blosc' is not supported"));
        Files.writeString(array.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [2, 4, 6, 8], \"chunks\": "
                + "[1, 2, 4, 8], \"dtype\": \"<u2\", \"compressor\": null, \"fill_value\": 0, \"order\": \"C\"}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZarrArray.open(array)).getMessage()
                .contains("2 (y, x) or 3 (z, y, x) dimensions"));
    }

    @Test
    void aZarrArrayIsRestoredInBlocksIntoAZarrArrayLikeTheSameImageAsTiff() throws IOException {
        int w = 70;
        int h = 50;
        ShortProcessor sp = new ShortProcessor(w, h);
        float[] plane = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            sp.set(i, 1500 + (i * 31) % 3000);
            plane[i] = sp.get(i);
        }
        ZarrArray.create(dir.resolve("img.zarr"), new long[] {h, w}, new int[] {32, 32}, "<u2")
                .write(new float[][] {plane});
        Path tiffs = Files.createDirectories(dir.resolve("tiffs"));
        new FileSaver(new ImagePlus("img", sp)).saveAsTiff(tiffs.resolve("img.tif").toString());
        String options = "model=[" + Fixture.folder() + "] steps=2 seed=3";

        // whole plane: the Zarr input gives the TIFF input's pixels
        BatchJob whole = new BatchJob("super-resolution", options, dir.resolve("img.zarr").toString(),
                dir.resolve("whole.zarr").toString(), null, 512, 64);
        assertEquals(FileReport.Status.WRITTEN, DatasetRun.sequential(whole).get(0).status());
        DatasetRun.sequential(new BatchJob("super-resolution", options, tiffs.toString(),
                dir.resolve("tiff-out").toString(), null, 512, 64));
        short[] fromTiff = (short[]) new Opener().openImage(dir.resolve("tiff-out/img.tif").toString())
                .getProcessor().getPixels();
        ZarrArray out = ZarrArray.open(dir.resolve("whole.zarr"));
        assertArrayEquals(new long[] {100, 140}, out.shape());
        assertArrayEquals(new int[] {64, 64}, out.chunks());
        assertEquals("<u2", out.dtype());
        float[] fromZarr = out.read(0, 0, 140, 100)[0];
        for (int i = 0; i < fromTiff.length; i++) {
            assertEquals(fromTiff[i] & 0xffff, fromZarr[i], 0, "pixel " + i);
        }

        // in blocks; a re-run skips the finished array; nothing temporary is left
        BatchJob blocks = new BatchJob("super-resolution", options, dir.resolve("img.zarr").toString(),
                dir.resolve("blocks.zarr").toString(), null, 32, 8);
        FileReport r = DatasetRun.sequential(blocks).get(0);
        assertEquals(FileReport.Status.WRITTEN, r.status(), r.line());
        assertEquals(6, r.blocks());
        assertEquals(FileReport.Status.SKIPPED, DatasetRun.sequential(blocks).get(0).status());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchJob("inpaint", options,
                dir.resolve("img.zarr").toString(), dir.resolve("x.zarr").toString(), tiffs.toString(), 512, 64))
                .getMessage().contains("not a Zarr array"));
        assertEquals(List.of(dir.resolve("img.zarr")), DatasetPlan.inputs(dir.resolve("img.zarr")));
    }
}
