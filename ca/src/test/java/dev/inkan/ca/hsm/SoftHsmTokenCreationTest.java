package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.TestTokens;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alone in its JVM: the token must not exist before this process first loads libsofthsm2. */
class SoftHsmTokenCreationTest {
    private static final String LABEL = "creation";

    @BeforeAll
    static void noTokenYet() {
        TestTokens.delete(LABEL);
    }

    @Test
    void testSuccess_tokenIsCreatedByLabelAndFoundAgain() {
        HsmConfig config = TestTokens.config(LABEL);
        SoftHsmToken first = SoftHsmToken.open(config);
        SoftHsmToken again = SoftHsmToken.open(config);

        assertEquals(first.slotId(), again.slotId());
        assertEquals(LABEL, again.label());
        assertEquals(List.of(), again.aliases());
        long listed = SlotTable.parse(dev.inkan.ca.Openssl.run(List.of("softhsm2-util", "--show-slots")))
                .slotOf(LABEL).orElseThrow();
        assertEquals(first.slotId(), listed);
        assertTrue(first.slotId() > 1, "SoftHSM reassigns an initialised token to a slot id derived from its serial");
    }
}
