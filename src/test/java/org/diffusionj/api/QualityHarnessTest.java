package org.diffusionj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import org.diffusionj.runtime.DeviceChoice;
import org.diffusionj.runtime.Fixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality harness. The fast test runs it end to end on the fixture (random weights: the numbers mean
 * nothing, the guarantees hold); the slow one measures a real model and writes
 * {@code target/quality/report.md}: {@code mvn test -Dgroups=slow -Dtest.excludedGroups=none -Dtest=QualityHarnessTest
 * [-Ddiffusionj.quality.model=NAME_OR_PATH] [-Ddiffusionj.quality.size=64] [-Ddiffusionj.quality.steps=50]}.
 */
class QualityHarnessTest {

    @Test
    void runsEndToEndAndKeepsTheGuarantees() {
        try (DiffusionEngine engine = DiffusionEngine.open(Fixture.folder().toString(), DeviceChoice.CPU)) {
            List<QualityHarness.Row> rows = new QualityHarness(engine, 16, 2).run();
            // 5 images x (SR x2, SR x4, inpainting, SDEdit) + 2 colorizations + tiling + uncertainty
            assertEquals(24, rows.size());
            for (QualityHarness.Row r : rows) {
                assertTrue(r.consistency() <= 1e-4, r.toString());
                assertTrue(!Double.isNaN(r.model()), r.toString());
            }
            String report = QualityHarness.markdown("fixture", rows);
            assertTrue(report.contains("| super-resolution x4 | he-histology.tif | PSNR |"), report);
        }
    }

    @Test
    @Tag("slow")
    void measuresAModel() {
        String model = System.getProperty("diffusionj.quality.model", "default");
        int size = Integer.getInteger("diffusionj.quality.size", 64);
        int steps = Integer.getInteger("diffusionj.quality.steps", 50);
        try (DiffusionEngine engine = DiffusionEngine.open(model, DeviceChoice.AUTO)) {
            List<QualityHarness.Row> rows = new QualityHarness(engine, size, steps).run();
            String report = QualityHarness.markdown("Quality of " + engine.model().name() + " "
                    + engine.model().version() + " (" + size + " px crops, " + steps + " steps, " + engine.device()
                    + ")", rows);
            QualityHarness.write(Paths.get("target", "quality", "report.md"), report);
            System.out.println(report);
            for (QualityHarness.Row r : rows) {
                assertTrue(r.consistency() <= 1e-4, r.toString());
            }
        }
    }
}
