package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The null-text edit through the facade, on the fixture model: masks, modes and bad input. */
class NullTextEditTest {
    static DiffusionEngine engine;

    @BeforeAll
    static void open() {
        engine = DiffusionEngine.open(Fixture.folder().toString(), DeviceChoice.CPU);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static NullTextOptions fast(int steps) {
        NullTextOptions o = new NullTextOptions();
        o.mode = "fast";
        o.steps = steps;
        return o;
    }

    @Test
    void maskedEditChangesOnlyTheSelectionAndKeepsTheInput() {
        Img<FloatType> image = Images.pattern(12, 10, 1);
        float[] before = Images.values(image);
        Img<FloatType> mask = Images.rectangle(12, 10, 3, 8, 2, 6);
        NullTextOptions exact = fast(4);
        exact.mode = "exact";
        exact.inner = 2;
        Result r = engine.nullTextEdit(image, mask, "alpha", "beta", exact, null);
        float[] out = Images.values(r.image());
        float[] m = Images.values(mask);
        double changed = 0;
        for (int i = 0; i < out.length; i++) {
            if (m[i] == 0) {
                assertEquals(before[i], out[i], 0.0, "outside the selection, pixel " + i);
            } else {
                changed += Math.abs(out[i] - before[i]);
            }
        }
        assertTrue(changed > 0, "the selection must change");
        assertArrayEquals(before, Images.values(image), "the input is never modified");
        assertTrue(r.metrics().get("meanFinalLoss") <= r.metrics().get("meanInitialLoss"));
    }

    @Test
    void resultIsReproducible() {
        Img<FloatType> image = Images.pattern(8, 8, 3);
        float[] a = Images.values(engine.nullTextEdit(image, null, "alpha", "beta", fast(3), null).image());
        float[] b = Images.values(engine.nullTextEdit(image, null, "alpha", "beta", fast(3), null).image());
        assertArrayEquals(a, b);
        float[] c = Images.values(engine.nullTextEdit(image, null, "alpha", "alpha", fast(3), null).image());
        assertNotEquals(a[0], c[0], "another target changes the result");
    }

    @Test
    void strengthZeroReconstructsLikeTheSourceClassAndStrengthIsChecked() {
        Img<FloatType> image = Images.pattern(12, 10, 1);
        NullTextOptions o = fast(4);
        o.strength = 0;
        Result none = engine.nullTextEdit(image, null, "alpha", "beta", o, null);
        Result same = engine.nullTextEdit(image, null, "alpha", "alpha", fast(4), null);
        assertArrayEquals(Images.values(same.image()), Images.values(none.image()));
        o.strength = 0.5;
        Result half = engine.nullTextEdit(image, null, "alpha", "beta", o, null);
        assertNotEquals(0, maxDifference(Images.values(same.image()), Images.values(half.image())));
        o.strength = 1.5;
        assertMessage(() -> engine.nullTextEdit(image, null, "alpha", "beta", o, null), "strength");
    }

    @Test
    void oneInversionServesSeveralEditsLikeTheOneCallEdit() {
        Img<FloatType> image = Images.pattern(12, 10, 1);
        InvertedImage inverted = engine.invert(image, "alpha", fast(4), null);
        Result edit = engine.edit(inverted, null, "beta", 1.0, null);
        Result oneCall = engine.nullTextEdit(image, null, "alpha", "beta", fast(4), null);
        assertArrayEquals(Images.values(oneCall.image()), Images.values(edit.image()));
        Img<FloatType> mask = Images.rectangle(12, 10, 3, 8, 2, 6);
        Result masked = engine.edit(inverted, mask, "beta", 0.5, null);
        float[] out = Images.values(masked.image());
        float[] in = Images.values(image);
        float[] m = Images.values(mask);
        for (int i = 0; i < out.length; i++) {
            if (m[i] == 0) {
                assertEquals(in[i], out[i], 0.0, "outside the selection, pixel " + i);
            }
        }
        assertMessage(() -> engine.edit(inverted, null, "gamma", 1.0, null), "gamma");
        assertMessage(() -> engine.edit(inverted, Images.rectangle(8, 8, 0, 8, 0, 8), "beta", 1.0, null), "mask");
    }

    private static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void badInputIsNamed() {
        Img<FloatType> image = Images.pattern(8, 8, 1);
        assertMessage(() -> engine.nullTextEdit(image, null, "gamma", "beta", fast(3), null), "gamma");
        assertMessage(() -> engine.nullTextEdit(image, null, "alpha", null, fast(3), null), "target");
        NullTextOptions weak = fast(3);
        weak.guidance = 0.5;
        assertMessage(() -> engine.nullTextEdit(image, null, "alpha", "beta", weak, null), "guidance");
        NullTextOptions odd = fast(3);
        odd.mode = "approximate";
        assertMessage(() -> engine.nullTextEdit(image, null, "alpha", "beta", odd, null), "mode");
        assertMessage(() -> engine.nullTextEdit(image, Images.rectangle(8, 8, 0, 0, 0, 0), "alpha", "beta", fast(3),
                null), "empty");
    }

    @Test
    void unconditionalModelsAreToldToUseSdEdit(@TempDir Path dir) throws Exception {
        Files.copy(Fixture.folder().resolve("denoiser.pt"), dir.resolve("denoiser.pt"));
        String json = Files.readString(Fixture.folder().resolve("model.json"));
        int start = json.indexOf("\"conditioning\"");
        int end = json.indexOf("\"normalization\"");
        Files.writeString(dir.resolve("model.json"), json.substring(0, start)
                + "\"conditioning\": {\"kind\": \"none\", \"dim\": 8},\n " + json.substring(end));
        try (DiffusionEngine unconditional = DiffusionEngine.open(dir.toString(), DeviceChoice.CPU)) {
            assertMessage(() -> unconditional.nullTextEdit(Images.pattern(8, 8, 1), null, "a", "b", fast(3), null),
                    "SDEdit");
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String word) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(word), "'" + word + "' missing from: " + e.getMessage());
    }
}
