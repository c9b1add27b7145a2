package dev.inkan.vetting.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ServedRoutesTest {
    @Test
    void parameterMatchesExactlyOneSegment() {
        var p = ServedRoutes.template("/cases/:id/export");
        assertTrue(p.matcher("/cases/abc-123/export").matches());
        assertFalse(p.matcher("/cases/a/b/export").matches());
        assertFalse(p.matcher("/cases//export").matches());
    }

    @Test
    void literalPathIsTakenLiterally() {
        assertTrue(ServedRoutes.template("/login/totp").matcher("/login/totp").matches());
        assertFalse(ServedRoutes.template("/login.totp").matcher("/loginXtotp").matches());
    }
}
