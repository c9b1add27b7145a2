package dev.inkan.ca;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.RevokedSerials;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** CRL counters and revoked entries over an {@link InMemoryCertificateStore}. */
public final class InMemoryRevocations implements CrlCounters, RevokedSerials {
    private final InMemoryCertificateStore store;
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public InMemoryRevocations(InMemoryCertificateStore store) {
        this.store = store;
    }

    /** An ISSUED certificate of the issuer, in the store. */
    public CertificateRecord issue(String serial, String issuerId, Instant notBefore, Instant notAfter) {
        CertificateRecord r = new CertificateRecord(serial, issuerId, "acct", "order", CertificateStatus.RESERVED,
                new byte[] {1}, null, List.of("a.example.jp"), "ab", notBefore, notAfter, notBefore, null, null);
        Await.result(store.reserve(r));
        return Await.result(store.markIssued(serial, new byte[] {2})).orElseThrow();
    }

    /** Revokes in the store and records it, as the RA does. */
    public CertificateRecord revoke(String serial, RevocationReason reason, Instant at) {
        CertificateRecord r = Await.result(store.revoke(serial, reason, at)).orElseThrow();
        Await.result(revocationRecorded(r.issuerId()));
        return r;
    }

    @Override
    public Future<Long> nextCrlNumber(String crlId) {
        return Future.succeededFuture(counters.computeIfAbsent("crl:" + crlId, k -> new AtomicLong()).incrementAndGet());
    }

    @Override
    public Future<Long> revocationRecorded(String issuerId) {
        return Future.succeededFuture(counters.computeIfAbsent("rev:" + issuerId, k -> new AtomicLong()).incrementAndGet());
    }

    @Override
    public Future<Long> revocations(String issuerId) {
        AtomicLong n = counters.get("rev:" + issuerId);
        return Future.succeededFuture(n == null ? 0L : n.get());
    }

    @Override
    public Future<List<RevokedEntry>> revokedExpiringAfter(String issuerId, Instant expiringAfter) {
        return store.revokedUnexpired(issuerId, expiringAfter).map(list -> list.stream()
                .map(r -> new RevokedEntry(r.serial(), r.revokedAt(), r.revocationReason(), r.notAfter()))
                .toList());
    }
}
