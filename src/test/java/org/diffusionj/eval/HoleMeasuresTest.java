package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HoleMeasuresTest {

    private static final boolean[] HOLE = Defects.HOLE.mask(16, 16, 1);

    private static FloatImage checkerboard() {
        FloatImage img = FloatImage.zeros(16, 16, 1);
        for (int i = 0; i < img.data().length; i++) {
            img.data()[i] = ((i % 16) + (i / 16)) % 2 * 10;
        }
        return img;
    }

    @Test
    void aConstantAndARampHaveNoHighFrequencyEnergy() {
        FloatImage constant = FloatImage.zeros(16, 16, 3);
        Arrays.fill(constant.data(), 7);
        assertEquals(0, HoleMeasures.laplacianEnergy(constant, HOLE));
        assertEquals(0, HoleMeasures.laplacianEnergy(constant, new boolean[256]));
        FloatImage ramp = FloatImage.zeros(16, 16, 1);
        for (int i = 0; i < 256; i++) {
            ramp.data()[i] = 2 * (i % 16) + i / 16;
        }
        assertEquals(0, HoleMeasures.laplacianEnergy(ramp, HOLE), 1e-9);
        // a checkerboard of 0 and 10: the Laplacian is +-40 at every interior pixel
        assertEquals(1600, HoleMeasures.laplacianEnergy(checkerboard(), HOLE), 1e-9);
    }

    @Test
    void theTruthScoresOneAndTheHarmonicFillNearZero() {
        FloatImage truth = checkerboard();
        assertEquals(1, HoleMeasures.detailRatio(truth, truth, HOLE), 1e-12);
        assertEquals(1, HoleMeasures.seamRatio(truth, truth, HOLE), 1e-12);
        FloatImage harmonic = FloatImage.of(org.diffusionj.engine.task.HarmonicFill.fill(truth.toTensor(), HOLE).image());
        assertTrue(HoleMeasures.detailRatio(truth, harmonic, HOLE) < 1e-6);
    }

    @Test
    void aStepAtTheBorderRaisesTheSeamRatio() {
        FloatImage truth = FloatImage.zeros(16, 16, 1);
        for (int i = 0; i < 256; i++) {
            truth.data()[i] = i % 16;
        }
        FloatImage stepped = truth.copy();
        for (int i = 0; i < 256; i++) {
            stepped.data()[i] += HOLE[i] ? 20 : 0;
        }
        // the truth steps by 1 across vertical border pairs and 0 across horizontal ones: mean 0.5
        assertEquals(0.5, HoleMeasures.borderStep(truth, HOLE), 1e-9);
        assertTrue(HoleMeasures.seamRatio(truth, stepped, HOLE) > 10);
    }

    @Test
    void aFlatTruthGivesNoRatio() {
        FloatImage flat = FloatImage.zeros(16, 16, 1);
        assertTrue(Double.isNaN(HoleMeasures.detailRatio(flat, checkerboard(), HOLE)));
        assertTrue(Double.isNaN(HoleMeasures.seamRatio(flat, checkerboard(), HOLE)));
    }
}
