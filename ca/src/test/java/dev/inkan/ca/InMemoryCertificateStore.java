package dev.inkan.ca;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CertificateStore contract in a map, with a journal of the calls ("reserve abc", "markIssued abc") and a
 * switch that answers CONFLICT to the next reservations, as a unique index would for a duplicate serial.
 */
public final class InMemoryCertificateStore implements CertificateStore {
    private final Map<String, CertificateRecord> bySerial = new ConcurrentHashMap<>();
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final AtomicInteger conflicts = new AtomicInteger();

    public void conflictOnNextReservations(int n) {
        conflicts.set(n);
    }

    public List<String> journal() {
        return List.copyOf(journal);
    }

    @Override
    public Future<CertificateRecord> reserve(CertificateRecord reserved) {
        journal.add("reserve " + reserved.serial() + " " + reserved.status());
        if (conflicts.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || bySerial.putIfAbsent(reserved.serial(), reserved) != null) {
            return Future.failedFuture(new CaException(ErrorKind.CONFLICT, "serial " + reserved.serial() + " exists"));
        }
        return Future.succeededFuture(reserved);
    }

    @Override
    public Future<Optional<CertificateRecord>> markPrecertified(String serial, byte[] precertificateDer) {
        journal.add("markPrecertified " + serial);
        return transition(serial, CertificateStatus.RESERVED, r -> new CertificateRecord(r.serial(), r.issuerId(),
                r.accountId(), r.orderId(), CertificateStatus.PRECERTIFIED, r.tbsDer(), null, r.dnsNames(),
                r.spkiSha256(), r.notBefore(), r.notAfter(), r.createdAt(), null, null, precertificateDer));
    }

    @Override
    public Future<Optional<CertificateRecord>> markIssued(String serial, byte[] der) {
        journal.add("markIssued " + serial);
        return transition(serial, r -> r.status() == CertificateStatus.RESERVED
                || r.status() == CertificateStatus.PRECERTIFIED, r -> with(r, CertificateStatus.ISSUED, der));
    }

    @Override
    public Future<Optional<CertificateRecord>> markFailed(String serial) {
        journal.add("markFailed " + serial);
        return transition(serial, CertificateStatus.RESERVED, r -> with(r, CertificateStatus.FAILED, null));
    }

    @Override
    public Future<Optional<CertificateRecord>> revoke(String serial, RevocationReason reason, Instant at) {
        return transition(serial, r -> r.status().revocable(), r -> new CertificateRecord(r.serial(), r.issuerId(),
                r.accountId(), r.orderId(), CertificateStatus.REVOKED, r.tbsDer(), r.der(), r.dnsNames(),
                r.spkiSha256(), r.notBefore(), r.notAfter(), r.createdAt(), at, reason, r.precertificateDer()));
    }

    @Override
    public Future<List<CertificateRecord>> revokedUnexpired(String issuerId, Instant now) {
        return Future.succeededFuture(bySerial.values().stream()
                .filter(r -> r.status() == CertificateStatus.REVOKED && r.issuerId().equals(issuerId)
                        && r.notAfter().isAfter(now))
                .toList());
    }

    @Override
    public Future<List<CertificateRecord>> reservedSince(Instant createdBefore) {
        return Future.succeededFuture(bySerial.values().stream()
                .filter(r -> r.status() == CertificateStatus.RESERVED && r.createdAt().isBefore(createdBefore))
                .toList());
    }

    @Override
    public Future<Optional<CertificateRecord>> bySerial(String serial) {
        return Future.succeededFuture(Optional.ofNullable(bySerial.get(serial)));
    }

    private Future<Optional<CertificateRecord>> transition(String serial, CertificateStatus from,
            java.util.function.UnaryOperator<CertificateRecord> change) {
        return transition(serial, r -> r.status() == from, change);
    }

    private Future<Optional<CertificateRecord>> transition(String serial,
            java.util.function.Predicate<CertificateRecord> expected,
            java.util.function.UnaryOperator<CertificateRecord> change) {
        CertificateRecord[] out = new CertificateRecord[1];
        bySerial.computeIfPresent(serial, (s, r) -> {
            if (!expected.test(r)) {
                return r;
            }
            out[0] = change.apply(r);
            return out[0];
        });
        return Future.succeededFuture(Optional.ofNullable(out[0]));
    }

    private static CertificateRecord with(CertificateRecord r, CertificateStatus status, byte[] der) {
        return new CertificateRecord(r.serial(), r.issuerId(), r.accountId(), r.orderId(), status, r.tbsDer(), der,
                r.dnsNames(), r.spkiSha256(), r.notBefore(), r.notAfter(), r.createdAt(), r.revokedAt(),
                r.revocationReason(), r.precertificateDer());
    }
}
