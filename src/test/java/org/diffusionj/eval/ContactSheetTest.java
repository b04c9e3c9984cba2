package org.diffusionj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactSheetTest {

    @Test
    void rendersOneRowPerEntryWithMasksInMagenta(@TempDir Path dir) throws Exception {
        FloatImage truth = new FloatImage(new float[] {0, 10, 20, 30}, 2, 2, 1);
        ContactSheet sheet = new ContactSheet(32);
        boolean[] mask = {true, false, false, false};
        sheet.add(new ContactSheet.Entry(new String[] {"a", "b", "c"}, truth, truth, mask, null, truth));
        sheet.add(new ContactSheet.Entry(new String[] {"d"}, truth, Degradations.averagePool(truth, 2), null, truth,
                truth));
        BufferedImage one = sheet.render();
        Path png = dir.resolve("sheet.png");
        sheet.writePng(png);
        BufferedImage read = ImageIO.read(png.toFile());
        assertEquals(one.getHeight(), read.getHeight());
        assertTrue(read.getHeight() > 2 * 32 && read.getWidth() > 4 * 32);
        // the degraded picture of the first row: its top-left quarter is masked
        int x0 = 270 + 32 + 6 + 6;
        int y0 = 30;
        assertEquals(0xff00ff, read.getRGB(x0 + 2, y0 + 2) & 0xffffff);
        assertEquals(0xffffff, read.getRGB(x0 + 30, y0 + 30) & 0xffffff, "the truth's maximum is white");
        assertTrue(Files.size(png) > 0);
    }
}
