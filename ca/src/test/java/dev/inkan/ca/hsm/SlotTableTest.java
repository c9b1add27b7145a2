package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotTableTest {
    private static String slot(String id, String label, boolean initialized) {
        return "Slot " + id + "\n"
                + "    Slot info:\n"
                + "        Description:      SoftHSM slot ID 0x5e4a9c48                                      \n"
                + "        Token present:    yes\n"
                + "    Token info:\n"
                + "        Manufacturer ID:  SoftHSM project                 \n"
                + "        Initialized:      " + (initialized ? "yes" : "no") + "\n"
                + "        User PIN init.:   " + (initialized ? "yes" : "no") + "\n"
                + "        Label:            " + String.format("%-32s", label) + "\n";
    }

    private static final String OUTPUT = "Available slots:\n"
            + slot("1581947976", "inkan", true)
            + slot("259190120", "inkan-2", true)
            + slot("2", "", false);

    @Test
    void testSuccess_slotIdIsFoundByExactLabel() {
        assertEquals(Optional.of(1581947976L), SlotTable.parse(OUTPUT).slotOf("inkan"));
        assertEquals(Optional.of(259190120L), SlotTable.parse(OUTPUT).slotOf("inkan-2"));
    }

    @Test
    void testSuccess_unknownLabelHasNoSlot() {
        assertTrue(SlotTable.parse(OUTPUT).slotOf("ink").isEmpty());
    }

    @Test
    void testSuccess_uninitialisedSlotIsNeverATokenWithEmptyLabel() {
        assertTrue(SlotTable.parse(OUTPUT).slotOf("").isEmpty());
    }

    @Test
    void testFailure_twoTokensWithOneLabelAreRefused() {
        String twice = OUTPUT + slot("77", "inkan", true);
        HsmException e = assertThrows(HsmException.class, () -> SlotTable.parse(twice).slotOf("inkan"));
        assertTrue(e.getMessage().contains("more than one token is labelled 'inkan'"), e.getMessage());
    }
}
