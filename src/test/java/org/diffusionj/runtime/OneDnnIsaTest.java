package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class OneDnnIsaTest {

    @Test
    void theLimitIsInTheProcessEnvironmentOnceTheEngineRuns() {
        TorchRuntime.engine();
        String value = OneDnnIsa.current();
        String preset = System.getenv(OneDnnIsa.VARIABLE);
        assertEquals(preset == null ? OneDnnIsa.limitFor(OneDnnIsa.cpuFlags()) : preset, value,
                "a value set before start is kept");
    }

    @Test
    void avx512CpusGetTheAvxLimitOthersAvx2() {
        assertEquals("AVX", OneDnnIsa.limitFor(java.util.Set.of("sse4_2", "avx2", "avx512f", "avx512bw")));
        assertEquals("AVX2", OneDnnIsa.limitFor(java.util.Set.of("sse4_2", "avx", "avx2")));
        assertEquals("AVX2", OneDnnIsa.limitFor(java.util.Set.of()));
        if (java.nio.file.Files.isReadable(java.nio.file.Paths.get("/proc/cpuinfo"))) {
            assertTrue(OneDnnIsa.cpuFlags().contains("sse2") || OneDnnIsa.cpuFlags().isEmpty(),
                    OneDnnIsa.cpuFlags().toString());
        }
    }

    /**
     * Without the limit, about two of three JVMs on an AVX-512 AMD EPYC returned all-NaN outputs for stretches
     * of this loop (see {@link OneDnnIsa}); with it every call must give the first call's bits.
     */
    @Test
    void aThousandForwardsOfOneInputGiveOneOutput() {
        ModelPackage fixture = Fixture.modelPackage();
        try (TorchScriptDenoiser d = fixture.loadDenoiser(TorchRuntime.select(DeviceChoice.CPU))) {
            Tensor x = new Tensor(1, 3, 40, 48);
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = (float) r.nextGaussian();
            }
            float[][] cond = {fixture.manifest().embeddings()[1]};
            float[] first = d.predict(x, new long[] {500}, cond).data();
            for (float v : first) {
                assertTrue(Float.isFinite(v));
            }
            int differing = 0;
            for (int i = 0; i < 1000; i++) {
                differing += Arrays.equals(first, d.predict(x, new long[] {500}, cond).data()) ? 0 : 1;
            }
            assertEquals(0, differing, "calls whose output differed from the first");
        }
    }
}
