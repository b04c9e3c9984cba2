package org.diffusionj.engine.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplersTest {

    @Test
    void findsEverySamplerByName() {
        assertInstanceOf(DdpmSampler.class, Samplers.byName("ddpm"));
        assertInstanceOf(DdimSampler.class, Samplers.byName("DDIM"));
        assertInstanceOf(EulerSampler.class, Samplers.byName(" euler "));
        assertInstanceOf(HeunSampler.class, Samplers.byName("heun"));
        assertInstanceOf(DpmSolverPlusPlus2M.class, Samplers.byName("dpm++2m"));
        assertInstanceOf(DdimInversion.class, Samplers.byName(Samplers.INVERSION));
        for (String name : Samplers.NAMES) {
            assertEquals(name, Samplers.byName(name).name());
        }
    }

    @Test
    void unknownNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Samplers.byName("lms"));
        assertTrue(e.getMessage().contains("'lms'"), e.getMessage());
        assertTrue(e.getMessage().contains("ddim, ddpm, euler, heun, dpm++2m"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Samplers.byName(null));
    }
}
