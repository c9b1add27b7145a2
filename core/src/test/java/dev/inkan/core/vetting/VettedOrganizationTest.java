package dev.inkan.core.vetting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VettedOrganizationTest {
    private static final Instant VETTED = Instant.parse("2026-06-01T00:00:00Z");

    private static VettedOrganization org(OrganizationStatus status) {
        return new VettedOrganization("org-1", "case-1", "株式会社サンプル認証", "Sample Ninsho Co., Ltd.",
                "4010001234567", new OrganizationSubject("JP", "Tokyo", "Chiyoda-ku", "Sample Ninsho Co., Ltd."),
                List.of("example.co.jp"), VETTED, VETTED, "approver", status, null, 1);
    }

    @Test
    void usableInsideTheReusePeriod() {
        org(OrganizationStatus.VETTED).requireUsableForOv(VETTED.plus(Duration.ofDays(397)));
    }

    @Test
    void refusedAfterTheReusePeriodTellingToReVet() {
        CaException e = assertThrows(CaException.class,
                () -> org(OrganizationStatus.VETTED).requireUsableForOv(VETTED.plus(Duration.ofDays(398))));
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("re-vetting"), e.getMessage());
    }

    @Test
    void refusedWhenSuspended() {
        CaException e = assertThrows(CaException.class,
                () -> org(OrganizationStatus.SUSPENDED).requireUsableForOv(VETTED.plusSeconds(60)));
        assertTrue(e.getMessage().contains("suspended"), e.getMessage());
    }

    @Test
    void coversVettedDomainsAndTheirSubdomainsOnly() {
        VettedOrganization o = org(OrganizationStatus.VETTED);
        assertTrue(o.covers("example.co.jp"));
        assertTrue(o.covers("WWW.example.co.jp"));
        assertTrue(o.covers("*.example.co.jp"));
        assertFalse(o.covers("badexample.co.jp"));
        assertFalse(o.covers("example.jp"));
    }
}
