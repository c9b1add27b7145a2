package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static dev.inkan.storage.Await.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CertificateStoreTest extends EmbeddedStoreTest {
    private static final byte[] TBS = {0x30, (byte) 0x82, 0x01, 0x00, (byte) 0xff, 0x00};
    private static final byte[] DER = {0x30, (byte) 0x82, 0x02, 0x00, 0x7f};
    private final CertificateStore certificates = stores.certificates();

    private static String serial() {
        return "7" + UUID.randomUUID().toString().replace("-", "");
    }

    private static CertificateRecord reserved(String issuerId, Instant createdAt, Instant notAfter) {
        return new CertificateRecord(serial(), issuerId, "acct-1", "order-1", CertificateStatus.RESERVED, TBS, null,
                List.of("a.example.jp", "www.a.example.jp"), "ab12", T0, notAfter, createdAt, null, null);
    }

    private static CertificateRecord reserved() {
        return reserved("dv", T0, T0.plus(Duration.ofDays(90)));
    }

    private static CertificateRecord issued(CertificateRecord r, byte[] der) {
        return new CertificateRecord(r.serial(), r.issuerId(), r.accountId(), r.orderId(), CertificateStatus.ISSUED,
                r.tbsDer(), der, r.dnsNames(), r.spkiSha256(), r.notBefore(), r.notAfter(), r.createdAt(), null, null);
    }

    private CertificateRecord issue(CertificateRecord r) {
        await(certificates.reserve(r));
        return await(certificates.markIssued(r.serial(), DER)).orElseThrow();
    }

    @Test
    void testSuccess_reservedSerialRoundTripsWithItsBytes() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        CertificateRecord stored = await(certificates.bySerial(r.serial())).orElseThrow();
        assertArrayEquals(TBS, stored.tbsDer());
        assertEquals(null, stored.der());
        assertEquals(List.of(r.serial(), CertificateStatus.RESERVED, r.dnsNames(), r.createdAt(), r.notAfter()),
                List.of(stored.serial(), stored.status(), stored.dnsNames(), stored.createdAt(), stored.notAfter()));
    }

    @Test
    void testFailure_duplicateSerialIsConflict() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        CaException e = assertInstanceOf(CaException.class, failure(certificates.reserve(r)));
        assertEquals(ErrorKind.CONFLICT, e.kind());
    }

    @Test
    void testSuccess_markIssuedSucceedsOnceThenIsEmpty() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        CertificateRecord stored = await(certificates.markIssued(r.serial(), DER)).orElseThrow();
        assertEquals(CertificateStatus.ISSUED, stored.status());
        assertArrayEquals(DER, stored.der());
        // One serial never gets two final certificates (DESIGN, issuance step 6).
        assertEquals(Optional.empty(), await(certificates.markIssued(r.serial(), new byte[] {1})));
        assertArrayEquals(DER, await(certificates.bySerial(r.serial())).orElseThrow().der());
    }

    @Test
    void testSuccess_markFailedSucceedsOnceAndBlocksIssuance() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        assertEquals(CertificateStatus.FAILED, await(certificates.markFailed(r.serial())).orElseThrow().status());
        assertEquals(Optional.empty(), await(certificates.markFailed(r.serial())));
        assertEquals(Optional.empty(), await(certificates.markIssued(r.serial(), DER)));
    }

    @Test
    void testSuccess_revokeSucceedsOnceThenIsEmpty() {
        CertificateRecord r = issue(reserved());
        Instant at = T0.plusSeconds(30);
        CertificateRecord revoked = await(certificates.revoke(r.serial(), RevocationReason.KEY_COMPROMISE, at)).orElseThrow();
        assertEquals(List.of(CertificateStatus.REVOKED, RevocationReason.KEY_COMPROMISE, at),
                List.of(revoked.status(), revoked.revocationReason(), revoked.revokedAt()));
        assertEquals(Optional.empty(), await(certificates.revoke(r.serial(), RevocationReason.SUPERSEDED, at)));
    }

    @Test
    void testSuccess_signedPrecertificateIsIssued_precertifiedSerialIsRevocableAndNotFailable() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        byte[] precert = {0x30, 0x03, 0x01, 0x02, 0x03};

        CertificateRecord marked = await(certificates.markPrecertified(r.serial(), precert)).orElseThrow();
        assertEquals(CertificateStatus.PRECERTIFIED, marked.status());
        assertArrayEquals(precert, marked.precertificateDer());
        assertEquals(Optional.empty(), await(certificates.markFailed(r.serial())), "a signed serial never fails");
        assertEquals(Optional.empty(), await(certificates.markPrecertified(r.serial(), precert)));

        CertificateRecord revoked = await(certificates.revoke(r.serial(), RevocationReason.SUPERSEDED, T0)).orElseThrow();
        assertEquals(CertificateStatus.REVOKED, revoked.status());
        assertArrayEquals(precert, revoked.precertificateDer());
        assertEquals(List.of(r.serial()), await(certificates.revokedUnexpired(r.issuerId(), T0)).stream()
                .map(CertificateRecord::serial).filter(r.serial()::equals).toList());
    }

    @Test
    void testSuccess_precertifiedSerialBecomesIssuedWithItsCertificate() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        await(certificates.markPrecertified(r.serial(), new byte[] {1}));

        CertificateRecord issued = await(certificates.markIssued(r.serial(), DER)).orElseThrow();

        assertEquals(CertificateStatus.ISSUED, issued.status());
        assertArrayEquals(DER, issued.der());
        assertArrayEquals(new byte[] {1}, issued.precertificateDer());
    }

    @Test
    void testSuccess_reservedSerialCannotBeRevoked() {
        CertificateRecord r = await(certificates.reserve(reserved()));
        assertEquals(Optional.empty(), await(certificates.revoke(r.serial(), RevocationReason.UNSPECIFIED, T0)));
    }

    @Test
    void testSuccess_crlListsRevokedUnexpiredCertificatesOfItsIssuerOnly() {
        String issuer = "dv-" + UUID.randomUUID();
        CertificateRecord listed = issue(reserved(issuer, T0, T0.plus(Duration.ofDays(90))));
        CertificateRecord expired = issue(reserved(issuer, T0, T0.minusSeconds(1)));
        CertificateRecord otherIssuer = issue(reserved("ov-" + UUID.randomUUID(), T0, T0.plus(Duration.ofDays(90))));
        issue(reserved(issuer, T0, T0.plus(Duration.ofDays(90))));
        for (CertificateRecord r : List.of(listed, expired, otherIssuer)) {
            await(certificates.revoke(r.serial(), RevocationReason.SUPERSEDED, T0));
        }
        List<CertificateRecord> crl = await(certificates.revokedUnexpired(issuer, T0));
        assertEquals(List.of(listed.serial()), crl.stream().map(CertificateRecord::serial).toList());
    }

    @Test
    void testSuccess_reservedSinceFindsOnlyOldReservations() {
        Instant longAgo = T0.minus(Duration.ofDays(3650));
        CertificateRecord old = await(certificates.reserve(reserved("dv", longAgo, T0)));
        await(certificates.reserve(reserved("dv", T0, T0)));
        CertificateRecord oldButIssued = issue(reserved("dv", longAgo, T0));
        List<String> found = await(certificates.reservedSince(longAgo.plusSeconds(1))).stream()
                .map(CertificateRecord::serial).toList();
        assertEquals(List.of(old.serial()), found);
        assertTrue(!found.contains(oldButIssued.serial()));
    }

    @Test
    void testFailure_reserveRefusesAnythingButReserved() {
        CertificateRecord r = issued(reserved(), DER);
        assertInstanceOf(IllegalArgumentException.class, failure(certificates.reserve(r)));
    }
}
