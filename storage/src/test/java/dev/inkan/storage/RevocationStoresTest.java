package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.Replacement;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.Renewals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RevocationStoresTest extends EmbeddedStoreTest {
    private final CertificateStore certificates = stores.certificates();

    private static String serial() {
        return "5" + UUID.randomUUID().toString().replace("-", "");
    }

    private CertificateRecord issued(String issuerId, Instant notAfter) {
        CertificateRecord r = new CertificateRecord(serial(), issuerId, "acct", "order", CertificateStatus.RESERVED,
                new byte[] {1}, null, List.of("a.example.jp"), "ab", T0, notAfter, T0, null, null);
        await(certificates.reserve(r));
        return await(certificates.markIssued(r.serial(), new byte[] {2})).orElseThrow();
    }

    @Test
    void testSuccess_blockedKeyIsBlockedAndBlockingTwiceSucceeds() {
        BlockedKeys keys = storage.blockedKeys();
        String spki = newId("spki");
        assertFalse(await(keys.isBlocked(spki)));
        await(keys.block(spki, "keyCompromise: serial 1"));
        await(keys.block(spki, "again"));
        assertTrue(await(keys.isBlocked(spki)));
        assertTrue(await(keys.isBlocked(spki.toUpperCase())));
    }

    @Test
    void testSuccess_crlNumbersStrictlyIncreasePerCrl() {
        CrlCounters counters = storage.crlCounters();
        String crl = newId("dv");
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(await(counters.nextCrlNumber(crl)));
        }
        assertEquals(List.of(1L, 2L, 3L), numbers);
        assertEquals(1L, await(counters.nextCrlNumber(crl + "/1")));
    }

    @Test
    void testSuccess_concurrentCrlNumbersAreDistinct() {
        CrlCounters counters = storage.crlCounters();
        String crl = newId("ov");
        List<io.vertx.core.Future<Long>> all = IntStream.range(0, 20).mapToObj(i -> counters.nextCrlNumber(crl)).toList();
        Set<Long> got = all.stream().map(Await::await).collect(Collectors.toSet());
        assertEquals(20, got.size());
    }

    @Test
    void testSuccess_revocationCountStartsAtZeroAndCounts() {
        CrlCounters counters = storage.crlCounters();
        String issuer = newId("issuer");
        assertEquals(0L, await(counters.revocations(issuer)));
        assertEquals(1L, await(counters.revocationRecorded(issuer)));
        assertEquals(2L, await(counters.revocationRecorded(issuer)));
        assertEquals(2L, await(counters.revocations(issuer)));
    }

    @Test
    void testSuccess_revokedEntriesListRevokedOfTheIssuerNotExpiredBeforeCutoff() {
        String issuer = newId("ca");
        Instant cutoff = T0.plus(Duration.ofDays(10));
        CertificateRecord live = issued(issuer, T0.plus(Duration.ofDays(90)));
        CertificateRecord expired = issued(issuer, T0.plus(Duration.ofDays(5)));
        CertificateRecord notRevoked = issued(issuer, T0.plus(Duration.ofDays(90)));
        CertificateRecord otherIssuer = issued(newId("other"), T0.plus(Duration.ofDays(90)));
        Instant at = T0.plusSeconds(60);
        await(certificates.revoke(live.serial(), RevocationReason.KEY_COMPROMISE, at));
        await(certificates.revoke(expired.serial(), RevocationReason.SUPERSEDED, at));
        await(certificates.revoke(otherIssuer.serial(), RevocationReason.SUPERSEDED, at));

        List<RevokedEntry> entries = await(storage.revokedSerials().revokedExpiringAfter(issuer, cutoff));

        assertEquals(List.of(new RevokedEntry(live.serial(), at, RevocationReason.KEY_COMPROMISE, live.notAfter())),
                entries);
        assertFalse(entries.stream().anyMatch(e -> e.serial().equals(notRevoked.serial())));
    }

    @Test
    void testSuccess_flagRoundTripsAndTheFirstFlagStays() {
        Renewals renewals = storage.renewals();
        String serial = serial();
        assertEquals(Optional.empty(), await(renewals.flagOf(serial)));
        RenewalFlag first = new RenewalFlag(serial, "https://example.jp/incident", "staff:alice", T0);
        assertEquals(first, await(renewals.flag(first)));
        assertEquals(first, await(renewals.flag(new RenewalFlag(serial, null, "staff:bob", T0.plusSeconds(5)))));
        assertEquals(Optional.of(first), await(renewals.flagOf(serial)));
    }

    @Test
    void testSuccess_oneOrderClaimsACertificateUntilSuperseded() {
        Renewals renewals = storage.renewals();
        String serial = serial();
        Replacement first = new Replacement(serial, "aki.serial", newId("order"), "acct");
        Replacement second = new Replacement(serial, "aki.serial", newId("order"), "acct");
        Replacement third = new Replacement(serial, "aki.serial", newId("order"), "acct");

        assertTrue(await(renewals.claim(first, null)));
        assertFalse(await(renewals.claim(second, null)));
        assertFalse(await(renewals.claim(second, "some-other-order")));
        assertTrue(await(renewals.claim(second, first.orderId())));
        assertFalse(await(renewals.claim(third, first.orderId())));

        assertEquals(Optional.of(second), await(renewals.replacementOf(serial)));
        assertEquals(Optional.of(second), await(renewals.replacementBy(second.orderId())));
        assertEquals(Optional.empty(), await(renewals.replacementBy(first.orderId())));
    }
}
