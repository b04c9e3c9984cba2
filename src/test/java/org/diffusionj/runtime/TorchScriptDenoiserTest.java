package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed TorchScript fixture, run through the real DJL path, against values recorded from PyTorch. */
class TorchScriptDenoiserTest {
    static ModelPackage fixture;
    static TorchScriptDenoiser denoiser;

    @BeforeAll
    static void load() {
        fixture = Fixture.modelPackage();
        denoiser = fixture.loadDenoiser(TorchRuntime.select(DeviceChoice.CPU));
    }

    @AfterAll
    static void close() {
        denoiser.close();
    }

    /** The same input as tools/model/make_fixture.py: sin(0.1 i) over the flat index. */
    static Tensor pattern(int b, int c, int h, int w) {
        float[] d = new float[b * c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(0.1 * i);
        }
        return new Tensor(d, b, c, h, w);
    }

    @Test
    void matchesPyTorchOnRecordedCases() throws Exception {
        JsonObject expected = JsonParser.parseString(
                Files.readString(fixture.folder().resolve("expected.json"))).getAsJsonObject();
        JsonArray cases = expected.getAsJsonArray("cases");
        assertEquals(3, cases.size());
        for (var element : cases) {
            JsonObject c = element.getAsJsonObject();
            int b = c.get("batch").getAsInt();
            Tensor x = pattern(b, 3, c.get("height").getAsInt(), c.get("width").getAsInt());
            long[] t = new long[b];
            Arrays.fill(t, c.get("t").getAsLong());
            float[][] cond = new float[b][];
            Arrays.fill(cond, fixture.manifest().embeddings()[c.get("class").getAsInt()]);
            Tensor y = denoiser.predict(x, t, cond);
            assertEquals(x.size(), y.size());
            double sum = 0;
            double sumAbs = 0;
            for (float v : y.data()) {
                sum += v;
                sumAbs += Math.abs(v);
            }
            assertEquals(c.get("sum").getAsDouble(), sum, 1e-3, "sum for case " + c);
            assertEquals(c.get("sumAbs").getAsDouble(), sumAbs, 1e-3, "sum |y| for case " + c);
            JsonArray first = c.getAsJsonArray("first");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).getAsDouble(), y.data()[i], 1e-5);
            }
            assertEquals(c.get("last").getAsDouble(), y.data()[y.size() - 1], 1e-5);
        }
    }

    @Test
    void sameInputGivesSameOutput() {
        Tensor x = pattern(1, 3, 10, 10);
        float[][] cond = {fixture.manifest().embeddings()[1]};
        float[] a = denoiser.predict(x, new long[] {300}, cond).data();
        float[] b = denoiser.predict(x, new long[] {300}, cond).data();
        assertTrue(Arrays.equals(a, b));
    }

    @Test
    void batchItemsAreIndependent() {
        Tensor one = pattern(1, 3, 12, 20);
        float[][] cond = {fixture.manifest().embeddings()[2]};
        Tensor alone = denoiser.predict(one, new long[] {500}, cond);
        Tensor both = denoiser.predict(Tensor.stack(one, one), new long[] {500, 500}, new float[][] {cond[0], cond[0]});
        assertTrue(Arrays.equals(alone.data(), both.sample(0).data()));
        assertTrue(Arrays.equals(alone.data(), both.sample(1).data()));
    }

    @Test
    void wrongChannelCountIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> denoiser.predict(pattern(1, 1, 8, 8), new long[] {1}, null));
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }

    @Test
    void outputShapedUnlikeInputIsRefusedNamingTheFile() {
        Path file = fixture.folder().resolve("wrong-shape.pt");
        try (TorchScriptDenoiser bad = TorchScriptDenoiser.load(file, 3, TorchRuntime.select(DeviceChoice.CPU), false)) {
            var e = assertThrows(IllegalStateException.class,
                    () -> bad.predict(pattern(1, 3, 8, 8), new long[] {1}, new float[][] {{0f}}));
            assertTrue(e.getMessage().contains("wrong-shape.pt") && e.getMessage().contains("differs"), e.getMessage());
        }
    }

    @Test
    void truncatedOrForeignFilesGiveAClearErrorAndStayUntouched(@TempDir Path dir) throws Exception {
        byte[] full = Files.readAllBytes(fixture.denoiserFile());
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, Arrays.copyOf(full, full.length / 2));
        Path text = dir.resolve("text.pt");
        Files.writeString(text, "this is not a TorchScript archive");
        for (Path file : new Path[] {truncated, text}) {
            byte[] before = Files.readAllBytes(file);
            var e = assertThrows(ModelPackageException.class,
                    () -> TorchScriptDenoiser.load(file, 3, TorchRuntime.select(DeviceChoice.CPU), false));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("TorchScript"),
                    e.getMessage());
            assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the file must not change");
        }
        var missing = assertThrows(ModelPackageException.class, () -> TorchScriptDenoiser.load(
                dir.resolve("absent.pt"), 3, TorchRuntime.select(DeviceChoice.CPU), false));
        assertTrue(missing.getMessage().contains("absent.pt"));
    }
}
