package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** A failed gradient check refuses to train unless the user asks for a warning instead. */
class GradientCheckPolicyTest {
    @Test
    void refusesByDefaultAndWarnsWhenAsked() {
        assumeTrue(System.getenv("DIFFUSIONJ_GRADIENT_CHECK") == null, "the environment sets the policy");
        String before = System.getProperty("diffusionj.gradientCheck");
        try {
            System.clearProperty("diffusionj.gradientCheck");
            assertEquals("refuse", PriorTraining.gradientCheckPolicy());
            System.setProperty("diffusionj.gradientCheck", "warn");
            assertEquals("warn", PriorTraining.gradientCheckPolicy());
        } finally {
            if (before == null) {
                System.clearProperty("diffusionj.gradientCheck");
            } else {
                System.setProperty("diffusionj.gradientCheck", before);
            }
        }
    }
}
