package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import dev.inkan.ra.fake.InMemoryStatus;
import dev.inkan.ra.fake.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revocation through every door: ACME (account or certificate key) and staff, all final, all published. */
class RevocationDoorsTest extends RaTestBase {
    private final InMemoryStatus status = new InMemoryStatus();
    private Account owner;
    private CertificateRecord cert;

    @BeforeEach
    void issue() throws Exception {
        ra.connect(status.services());
        owner = newAccount();
        Order order = newOrder(owner, "revoke.example.com");
        validate(owner, order);
        await(ra.finalizeOrder(owner.id(), order.id(),
                TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of("revoke.example.com"))));
        await(ra.drain());
        cert = certificates.get(order(order.id()).certificateSerial());
    }

    private AuditEvent lastRevocationEvent() {
        List<AuditEvent> events = audit.events().stream().filter(e -> e.type().equals("certificate.revoked")).toList();
        return events.get(events.size() - 1);
    }

    @Test
    void testSuccess_issuanceIsToldToTheListeners() {
        assertEquals(List.of("issued " + cert.serial()), status.events);
    }

    @Test
    void testSuccess_keyCompromiseByTheCertificateKeyBlocksTheKeyAndCounts() throws Exception {
        await(ra.revokeCertificate(new RevocationRequest(cert.der(), RevocationReason.KEY_COMPROMISE, null, true)));

        assertEquals(CertificateStatus.REVOKED, certificates.get(cert.serial()).status());
        assertTrue(status.blocked.containsKey(cert.spkiSha256()));
        assertEquals(1L, status.revocationCounts.get("dv").get());
        assertEquals(List.of("issued " + cert.serial(), "revoked " + cert.serial()), status.events);
        assertEquals(cert.spkiSha256(), lastRevocationEvent().details().get("blockedKey"));
    }

    @Test
    void testSuccess_anOrdinaryRevocationDoesNotBlockTheKey() throws Exception {
        await(ra.revokeCertificate(new RevocationRequest(cert.der(), RevocationReason.SUPERSEDED, owner.id(), false)));
        assertTrue(status.blocked.isEmpty());
        assertEquals(1L, status.revocationCounts.get("dv").get());
    }

    @Test
    void testSuccess_staffRevokesBySerialAsOpensslPrintsIt() throws Exception {
        String printed = "00:" + cert.serial().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        CertificateRecord revoked = await(ra.staff().revoke(printed, RevocationReason.PRIVILEGE_WITHDRAWN, "alice"));

        assertEquals(RevocationReason.PRIVILEGE_WITHDRAWN, revoked.revocationReason());
        assertEquals(START, revoked.revokedAt());
        AuditEvent e = lastRevocationEvent();
        assertEquals("staff:alice", e.actor());
        assertEquals(Map.of("reason", "PRIVILEGE_WITHDRAWN", "code", "9", "issuerId", "dv", "channel", "staff"),
                e.details());
        assertTrue(status.events.contains("revoked " + cert.serial()));
    }

    @Test
    void testSuccess_staffKeyCompromiseBlocksTheKey() throws Exception {
        await(ra.staff().revoke(cert.serial(), RevocationReason.KEY_COMPROMISE, "bob"));
        assertTrue(status.blocked.get(cert.spkiSha256()).contains(cert.serial()));
    }

    @Test
    void testFailure_revocationIsFinal() throws Exception {
        await(ra.staff().revoke(cert.serial(), RevocationReason.SUPERSEDED, "alice"));
        failure(ErrorKind.ALREADY_REVOKED, ra.staff().revoke(cert.serial(), RevocationReason.KEY_COMPROMISE, "alice"));
        failure(ErrorKind.ALREADY_REVOKED, ra.revokeCertificate(
                new RevocationRequest(cert.der(), RevocationReason.CESSATION_OF_OPERATION, owner.id(), false)));
        assertEquals(RevocationReason.SUPERSEDED, certificates.get(cert.serial()).revocationReason());
        assertEquals(1L, status.revocationCounts.get("dv").get());
    }

    @Test
    void testSuccess_keyCompromiseAfterRevocationByTheCertificateKeyBlocksTheKey() throws Exception {
        await(ra.revokeCertificate(new RevocationRequest(cert.der(), RevocationReason.SUPERSEDED, owner.id(), false)));
        assertTrue(status.blocked.isEmpty());

        await(ra.revokeCertificate(new RevocationRequest(cert.der(), RevocationReason.KEY_COMPROMISE, null, true)));

        assertTrue(status.blocked.get(cert.spkiSha256()).contains(cert.serial()));
        assertTrue(audit.events().stream().anyMatch(e -> e.type().equals("certificate.key-compromised")
                && cert.spkiSha256().equals(e.details().get("blockedKey"))), audit.events().toString());
        assertEquals(CertificateStatus.REVOKED, certificates.get(cert.serial()).status());
        assertEquals(1L, status.revocationCounts.get("dv").get(), "the revocation itself is not repeated");
    }

    @Test
    void testFailure_staffNamingNoIssuedCertificateOrNoHexIsRefused() throws Exception {
        failure(ErrorKind.NOT_FOUND, ra.staff().revoke("abcdef0123", RevocationReason.SUPERSEDED, "alice"));
        failure(ErrorKind.MALFORMED, ra.staff().revoke("not-hex", RevocationReason.SUPERSEDED, "alice"));
    }
}
