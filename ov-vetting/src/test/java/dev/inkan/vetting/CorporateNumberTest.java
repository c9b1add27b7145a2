package dev.inkan.vetting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CorporateNumberTest {
    @Test
    void ntaItselfIsValid() {
        assertEquals("7000012050002", CorporateNumber.parse("7000012050002"));
    }

    @Test
    void remainderZeroGivesNine() {
        assertEquals("9020001031109", CorporateNumber.parse("9020001031109"));
    }

    @Test
    void fullWidthDigitsAndHyphensAreNormalised() {
        assertEquals("4010001234567", CorporateNumber.parse("４０１０-００１２-３４５６７"));
    }

    @Test
    void badCheckDigitIsRefusedSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CorporateNumber.parse("5010001234567"));
        assertTrue(e.getMessage().contains("check digit"), e.getMessage());
    }

    @Test
    void twelveDigitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CorporateNumber.parse("010001234567"));
    }
}
