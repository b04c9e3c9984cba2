package org.diffusionj.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionStringTest {
    @Test
    void parsesValuesBracketsAndBareKeys() {
        Map<String, String> m = OptionString.parse("steps=20 model=[my model/x.zip] stack Seed=3 empty=[] ");
        assertEquals("20", m.get("steps"));
        assertEquals("my model/x.zip", m.get("model"));
        assertEquals("true", m.get("stack"));
        assertEquals("3", m.get("seed"));
        assertEquals("", m.get("empty"));
        assertEquals(5, m.size());
    }

    @Test
    void nullAndBlankGiveNothing() {
        assertEquals(0, OptionString.parse(null).size());
        assertEquals(0, OptionString.parse("   ").size());
    }

    @Test
    void laterKeysWin() {
        assertEquals("4", OptionString.parse("scale=2 scale=4").get("scale"));
    }

    @Test
    void formatQuotesWhatNeedsIt() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "a b");
        m.put("steps", "3");
        m.put("class", "");
        assertEquals("model=[a b] steps=3 class=[]", OptionString.format(m));
        assertEquals(m, OptionString.parse(OptionString.format(m)));
    }
}
