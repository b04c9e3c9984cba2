package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsMeanTest {

    @Test
    void keysAreAveragedOverThePartsThatReportThemAndNoiseModelsKeptPerChannel() {
        MetricsMean mean = new MetricsMean(2);
        mean.add(Map.of("seconds", 2.0, "gain", 1.5, "noiseMeasurable", 1.0), 1);
        mean.add(Map.of("seconds", 4.0, "noiseMeasurable", 0.0), 2);
        Map<String, Double> m = mean.means();
        assertEquals(3.0, m.get("seconds"));
        assertEquals(1.5, m.get("gain"), "the channel without a model does not halve the other's gain");
        assertEquals(1.5, m.get("gain.c1"));
        assertFalse(m.containsKey("gain.c2"));
        assertEquals(1.0, m.get("noiseMeasurable.c1"));
        assertEquals(0.0, m.get("noiseMeasurable.c2"));
        assertFalse(m.containsKey("seconds.c1"), "only the noise model is per channel");
    }

    @Test
    void oneChannelKeepsThePlainKeys() {
        MetricsMean mean = new MetricsMean(1);
        mean.add(Map.of("gain", 2.0), 1);
        mean.add(Map.of("gain", 4.0), 1);
        assertEquals(Map.of("gain", 3.0), mean.means());
    }
}
