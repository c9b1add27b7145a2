package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.issuance.IssuanceFaults;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 13: the crash-test halt hook works only in the sandbox profile. */
class CrashHookSandboxOnlyTest {
    @Test
    void testFailure_productionRefusesToStartWithTheHaltHookSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IssuanceServices.faults(Map.of(IssuanceServices.HALT_AT, "final-signed"), true));
        assertTrue(e.getMessage().contains("profile production refuses"), e.getMessage());
    }

    @Test
    void testSuccess_theSandboxHaltsWhereTheHookSays() {
        assertNotSame(IssuanceFaults.NONE,
                IssuanceServices.faults(Map.of(IssuanceServices.HALT_AT, "final-signed"), false));
    }

    @Test
    void testSuccess_withoutTheHookNothingHaltsInEitherProfile() {
        assertSame(IssuanceFaults.NONE, IssuanceServices.faults(Map.of(), true));
        assertSame(IssuanceFaults.NONE, IssuanceServices.faults(Map.of(), false));
    }
}
