package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogSuggestionsTest {
    @Test
    void theClassFollowsTheImage() {
        assertEquals("fluorescence", DialogSuggestions.imageClass(IJ.openImage("test-images/nuclei-fluorescence-16bit.tif")));
        assertEquals("histology", DialogSuggestions.imageClass(IJ.openImage("test-images/he-histology.tif")));
        ByteProcessor bright = new ByteProcessor(40, 40);
        bright.setColor(210);
        bright.fill();
        bright.setColor(60);
        bright.fillOval(10, 10, 8, 8);
        assertEquals("brightfield", DialogSuggestions.imageClass(new ImagePlus("cells", bright)));
        ByteProcessor dark = new ByteProcessor(40, 40);
        dark.setColor(200);
        dark.fillOval(10, 10, 8, 8);
        assertEquals("fluorescence", DialogSuggestions.imageClass(new ImagePlus("spots", dark)));
        assertEquals(Keys.NO_CLASS, DialogSuggestions.imageClass(new ImagePlus("flat", new ByteProcessor(8, 8))));
    }

    @Test
    void aThinSelectionSuggestsTheDefectRecipeAndAWideOneDoesNot() {
        ImagePlus image = new ImagePlus("img", new ByteProcessor(64, 64));
        List<CommandOption> parameters = new InpaintTask().parameters();
        image.setRoi(new Roi(10, 20, 40, 3));
        assertTrue(DialogSuggestions.thinSelection(image));
        Settings thin = new Settings(DialogSuggestions.apply(parameters, image, true), java.util.Map.of());
        assertEquals("0.3", thin.text(Keys.START));
        assertEquals("4", thin.text(Keys.SAMPLES));
        image.setRoi(new OvalRoi(10, 10, 30, 30));
        assertFalse(DialogSuggestions.thinSelection(image));
        Settings wide = new Settings(DialogSuggestions.apply(parameters, image, true), java.util.Map.of());
        assertEquals(parameters.stream().filter(p -> p.key().equals(Keys.START)).findFirst().orElseThrow().defaultValue(),
                wide.text(Keys.START));
    }
}
