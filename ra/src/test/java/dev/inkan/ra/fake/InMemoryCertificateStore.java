package dev.inkan.ra.fake;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Certificates by serial, with the conditional status changes of the real store. */
public final class InMemoryCertificateStore implements CertificateStore {
    private final Map<String, CertificateRecord> certificates = new LinkedHashMap<>();

    @Override
    public synchronized Future<Optional<CertificateRecord>> bySerial(String serial) {
        return Future.succeededFuture(Optional.ofNullable(certificates.get(serial)));
    }

    @Override
    public synchronized Future<CertificateRecord> reserve(CertificateRecord reserved) {
        certificates.put(reserved.serial(), reserved);
        return Future.succeededFuture(reserved);
    }

    @Override
    public synchronized Future<Optional<CertificateRecord>> markPrecertified(String serial, byte[] precertificateDer) {
        CertificateRecord c = certificates.get(serial);
        if (c == null || c.status() != CertificateStatus.RESERVED) {
            return Future.succeededFuture(Optional.empty());
        }
        CertificateRecord changed = new CertificateRecord(c.serial(), c.issuerId(), c.accountId(), c.orderId(),
                CertificateStatus.PRECERTIFIED, c.tbsDer(), null, c.dnsNames(), c.spkiSha256(), c.notBefore(),
                c.notAfter(), c.createdAt(), null, null, precertificateDer);
        certificates.put(serial, changed);
        return Future.succeededFuture(Optional.of(changed));
    }

    @Override
    public synchronized Future<Optional<CertificateRecord>> markIssued(String serial, byte[] der) {
        CertificateStatus from = certificates.containsKey(serial)
                && certificates.get(serial).status() == CertificateStatus.PRECERTIFIED
                ? CertificateStatus.PRECERTIFIED : CertificateStatus.RESERVED;
        return change(serial, from, CertificateStatus.ISSUED, der, null, null);
    }

    @Override
    public synchronized Future<Optional<CertificateRecord>> markFailed(String serial) {
        return change(serial, CertificateStatus.RESERVED, CertificateStatus.FAILED, null, null, null);
    }

    @Override
    public synchronized Future<Optional<CertificateRecord>> revoke(String serial, RevocationReason reason, Instant at) {
        CertificateStatus from = certificates.containsKey(serial)
                && certificates.get(serial).status() == CertificateStatus.PRECERTIFIED
                ? CertificateStatus.PRECERTIFIED : CertificateStatus.ISSUED;
        return change(serial, from, CertificateStatus.REVOKED, null, reason, at);
    }

    @Override
    public synchronized Future<List<CertificateRecord>> revokedUnexpired(String issuerId, Instant now) {
        return Future.succeededFuture(certificates.values().stream()
                .filter(c -> c.status() == CertificateStatus.REVOKED && c.notAfter().isAfter(now))
                .toList());
    }

    @Override
    public synchronized Future<List<CertificateRecord>> reservedSince(Instant createdBefore) {
        return Future.succeededFuture(certificates.values().stream()
                .filter(c -> c.status() == CertificateStatus.RESERVED && c.createdAt().isBefore(createdBefore))
                .toList());
    }

    public synchronized List<CertificateRecord> all() {
        return List.copyOf(certificates.values());
    }

    public synchronized CertificateRecord get(String serial) {
        return certificates.get(serial);
    }

    private Future<Optional<CertificateRecord>> change(String serial, CertificateStatus from, CertificateStatus to,
            byte[] der, RevocationReason reason, Instant revokedAt) {
        CertificateRecord c = certificates.get(serial);
        if (c == null || c.status() != from) {
            return Future.succeededFuture(Optional.empty());
        }
        CertificateRecord changed = new CertificateRecord(c.serial(), c.issuerId(), c.accountId(), c.orderId(), to,
                c.tbsDer(), der != null ? der : c.der(), c.dnsNames(), c.spkiSha256(), c.notBefore(), c.notAfter(),
                c.createdAt(), revokedAt != null ? revokedAt : c.revokedAt(), reason != null ? reason : c.revocationReason(),
                c.precertificateDer());
        certificates.put(serial, changed);
        return Future.succeededFuture(Optional.of(changed));
    }
}
