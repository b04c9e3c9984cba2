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

    /** No held-out image: refused before anything is trained (the table and the picture need one). */
    @Test
    void noHeldOutImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTuneEval.run(new String[] {"--held-out", "0", "--out", "/nonexistent/never-made"}));
        assertEquals("--held-out must be at least 1, got 0", e.getMessage());
    }
}
