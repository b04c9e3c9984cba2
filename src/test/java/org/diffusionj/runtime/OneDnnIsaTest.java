package org.diffusionj.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.diffusionj.engine.Tensor;
import org.junit.jupiter.api.Test;

class OneDnnIsaTest {

    private static final Path UNALIGNED = Fixture.folder().resolve("unaligned.pt");

    @Test
    void alignedModelsRunUnlimitedOthersGetTheCpusLimit() {
        Set<String> avx512 = Set.of("sse4_2", "avx2", "avx512f", "avx512bw");
        Set<String> avx2 = Set.of("sse4_2", "avx", "avx2");
        assertEquals("ALL", OneDnnIsa.limitFor(avx512, true));
        assertEquals("ALL", OneDnnIsa.limitFor(avx2, true));
        assertEquals("AVX", OneDnnIsa.limitFor(avx512, false));
        assertEquals("AVX2", OneDnnIsa.limitFor(avx2, false));
        assertEquals("AVX2", OneDnnIsa.limitFor(Set.of(), false));
        if (java.nio.file.Files.isReadable(Paths.get("/proc/cpuinfo"))) {
            assertTrue(OneDnnIsa.cpuFlags().contains("sse2") || OneDnnIsa.cpuFlags().isEmpty(),
                    OneDnnIsa.cpuFlags().toString());
        }
    }

    /** Inference loads too: DJL lists a module's parameters without trainParam. */
    @Test
    void theFixtureAndTheDefaultModelAreBlockAlignedA3ChannelLayerIsNot() {
        DeviceSelection cpu = TorchRuntime.select(DeviceChoice.CPU);
        try (TorchScriptDenoiser fixture = Fixture.modelPackage().loadDenoiser(cpu);
                TorchScriptDenoiser embedded = Models.find(null).loadDenoiser(cpu);
                TorchScriptDenoiser unaligned = TorchScriptDenoiser.load(UNALIGNED, 3, cpu, false)) {
            assertTrue(TorchScriptDenoiser.blockAligned(fixture.model().getBlock()));
            assertTrue(TorchScriptDenoiser.blockAligned(embedded.model().getBlock()));
            assertFalse(TorchScriptDenoiser.blockAligned(unaligned.model().getBlock()));
        }
    }

    /** The first model of a process decides, in a JVM of its own (this one's first model is unknown). */
    @Test
    void theFirstModelOfAProcessDecidesItsInstructionSet() throws Exception {
        String limit = OneDnnIsa.limitFor(OneDnnIsa.cpuFlags(), false);
        String fixture = Fixture.modelPackage().denoiserFile().toString();
        assertEquals(List.of("isa ALL", "isa ALL"), probe(fixture, UNALIGNED.toString()));
        assertEquals(List.of("isa " + limit, "isa " + limit), probe(UNALIGNED.toString(), fixture));
    }

    private static List<String> probe(String... files) throws IOException, InterruptedException {
        return ProbeJvm.run(OneDnnIsaProbe.class, List.of("-Xmx512m"), List.of(OneDnnIsa.VARIABLE), files).stream()
                .filter(l -> l.startsWith("isa ")).toList();
    }

    /**
     * Without the limit, about two of three JVMs on an AVX-512 AMD EPYC returned all-NaN outputs for stretches
     * of this loop with the fixture's earlier, unaligned layers (see {@link OneDnnIsa}); every call must give the
     * first call's bits.
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
