package org.diffusionj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FineTuneEvalTest {

    /** An unknown modality is refused before anything is written, naming every modality there is. */
    @Test
    void anUnknownModalityNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTuneEval.run(new String[] {"--modality", "confocal"}));
        assertEquals("--modality must be one of filaments, dic, em, muscle, bacteria, got confocal", e.getMessage());
    }
}
