package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactPolicyTest {
    private final ContactPolicy policy = new ContactPolicy(10, new IdentifierPolicy(100, List.of(),
            java.time.Clock.fixed(java.time.Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC)));

    private ErrorKind refusal(String contact) {
        return assertThrows(CaException.class, () -> policy.check(List.of(contact))).kind();
    }

    @Test
    void testSuccess_plainMailtoIsKept() {
        assertEquals(List.of("mailto:admin@example.com", "mailto:ops+acme@sub.example.co.uk"),
                policy.check(List.of("mailto:admin@example.com", "mailto:ops+acme@sub.example.co.uk")));
    }

    @Test
    void testSuccess_schemeIsLoweredAndDuplicatesDropped() {
        assertEquals(List.of("mailto:admin@example.com"),
                policy.check(List.of("MAILTO:admin@example.com", "mailto:admin@example.com")));
    }

    @Test
    void testSuccess_nullMeansNoContacts() {
        assertEquals(List.of(), policy.check(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:+81312345678", "https://example.com/contact", "admin@example.com", "xmailto:a@example.com"})
    void testFailure_otherSchemeIsUnsupported(String contact) {
        assertEquals(ErrorKind.UNSUPPORTED_CONTACT, refusal(contact));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mailto:admin@example.com?subject=hi", "mailto:a@example.com,b@example.com",
            "mailto:", "mailto:admin", "mailto:@example.com", "mailto:admin@", "mailto:ad min@example.com",
            "mailto:admin@localhost", "mailto:admin@192.0.2.1", "mailto:admin@foo.local", "mailto:a..b@example.com",
            "mailto:admin%40x@example.com"})
    void testFailure_malformedAddressIsInvalid(String contact) {
        assertEquals(ErrorKind.INVALID_CONTACT, refusal(contact));
    }

    @Test
    void testFailure_tooManyContactsIsInvalid() {
        List<String> eleven = Collections.nCopies(11, "mailto:admin@example.com");
        assertEquals(ErrorKind.INVALID_CONTACT, assertThrows(CaException.class, () -> policy.check(eleven)).kind());
    }
}
