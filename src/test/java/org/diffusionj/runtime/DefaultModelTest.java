package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import org.diffusionj.engine.GaussianNoise;
import org.diffusionj.engine.Tensor;
import org.diffusionj.engine.Tensors;
import org.diffusionj.engine.model.Prediction;
import org.diffusionj.engine.task.ModelSpace;
import org.diffusionj.eval.FloatImage;
import org.diffusionj.eval.TestImageSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default model embedded in the jar: it loads with no download, runs at any size and denoises held-out data. */
class DefaultModelTest {
    static ModelPackage pkg;
    static TorchScriptDenoiser model;

    @BeforeAll
    static void load() {
        pkg = Models.find(null);
        model = pkg.loadDenoiser(TorchRuntime.select(DeviceChoice.CPU));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void isTheEmbeddedMicroscopyModel() {
        ModelManifest m = pkg.manifest();
        assertEquals(Models.DEFAULT, m.name());
        assertEquals(List.of("none", "fluorescence", "brightfield", "histology"), m.classes());
        assertTrue(m.provenance().has("command") && m.provenance().has("heldOutLoss"));
    }

    @Test
    void runsAtSizesThatAreNotMultiplesOfEight() {
        GaussianNoise noise = new GaussianNoise(4);
        for (int[] size : new int[][] {{32, 32}, {37, 45}, {64, 48}}) {
            Tensor x = noise.next(1, 3, size[0], size[1]);
            Tensor y = model.predict(x, new long[] {500}, new float[][] {pkg.manifest().embeddings()[1]});
            assertTrue(y.sameShape(x), "output " + y + " for input " + x);
            assertTrue(Tensors.allFinite(y));
            assertTrue(Tensors.meanAbs(y) > 0.1, "a noise prediction at t = 500 is far from zero");
        }
    }

    /** x0 error at t = 200 against the error of taking the (rescaled) noisy image itself as the estimate. */
    @Test
    void denoisesHeldOutCropsFarBetterThanTheIdentity() {
        double alphaBar = pkg.manifest().schedule().alphaBar(200);
        GaussianNoise noise = new GaussianNoise(200);
        double modelError = 0;
        double identityError = 0;
        for (TestImageSet.Named image : TestImageSet.read(Paths.get("test-images"))) {
            int cls = pkg.manifest().classIndex(TestImageSet.kindOf(image.name()));
            for (TestImageSet.Crop crop : TestImageSet.crops(image, 64, 2)) {
                FloatImage f = crop.image();
                Tensor raw = new Tensor(f.data().clone(), 1, f.channels(), f.height(), f.width());
                Tensor x0 = ModelSpace.of(raw, 3, 0.1, 99.9).toModel(raw);
                Tensor eps = noise.nextLike(x0);
                Tensor xt = Tensors.axpby(Math.sqrt(alphaBar), x0, Math.sqrt(1 - alphaBar), eps);
                Tensor e = model.predict(xt, new long[] {200}, new float[][] {pkg.manifest().embeddings()[cls]});
                Tensor x0Hat = Prediction.fromEps(e, xt, alphaBar).x0();
                modelError += squaredError(x0Hat, x0);
                identityError += squaredError(Tensors.scale(1 / Math.sqrt(alphaBar), xt), x0);
            }
        }
        assertTrue(identityError > 0);
        assertTrue(modelError < 0.25 * identityError, "x0 error " + modelError + " vs identity " + identityError);
    }

    private static double squaredError(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.data()[i] - b.data()[i];
            s += d * d;
        }
        return s;
    }
}
