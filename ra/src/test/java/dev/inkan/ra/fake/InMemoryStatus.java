package dev.inkan.ra.fake;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.Replacement;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.CertificateEvents;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.Renewals;
import dev.inkan.ra.StatusServices;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The status ports in maps, with the events the RA sent. */
public final class InMemoryStatus implements BlockedKeys, CrlCounters, Renewals, CertificateEvents {
    public final Map<String, String> blocked = new ConcurrentHashMap<>();
    public final Map<String, AtomicLong> revocationCounts = new ConcurrentHashMap<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, RenewalFlag> flags = new ConcurrentHashMap<>();
    private final Map<String, Replacement> replacements = new ConcurrentHashMap<>();

    public StatusServices services() {
        return new StatusServices(this, this, this, this, "https://ca.example/incident");
    }

    @Override
    public Future<Boolean> isBlocked(String spkiSha256) {
        return Future.succeededFuture(blocked.containsKey(spkiSha256));
    }

    @Override
    public Future<Void> block(String spkiSha256, String reason) {
        blocked.putIfAbsent(spkiSha256, reason);
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> nextCrlNumber(String crlId) {
        return Future.succeededFuture(1L);
    }

    @Override
    public Future<Long> revocationRecorded(String issuerId) {
        return Future.succeededFuture(revocationCounts.computeIfAbsent(issuerId, k -> new AtomicLong()).incrementAndGet());
    }

    @Override
    public Future<Long> revocations(String issuerId) {
        AtomicLong n = revocationCounts.get(issuerId);
        return Future.succeededFuture(n == null ? 0 : n.get());
    }

    @Override
    public Future<RenewalFlag> flag(RenewalFlag flag) {
        return Future.succeededFuture(flags.computeIfAbsent(flag.serial(), k -> flag));
    }

    @Override
    public Future<Optional<RenewalFlag>> flagOf(String serial) {
        return Future.succeededFuture(Optional.ofNullable(flags.get(serial)));
    }

    @Override
    public Future<Optional<Replacement>> replacementOf(String serial) {
        return Future.succeededFuture(Optional.ofNullable(replacements.get(serial)));
    }

    @Override
    public Future<Optional<Replacement>> replacementBy(String orderId) {
        return Future.succeededFuture(replacements.values().stream().filter(r -> r.orderId().equals(orderId)).findFirst());
    }

    @Override
    public synchronized Future<Boolean> claim(Replacement replacement, String supersededOrderId) {
        Replacement current = replacements.get(replacement.serial());
        boolean free = supersededOrderId == null ? current == null
                : current != null && current.orderId().equals(supersededOrderId);
        if (free) {
            replacements.put(replacement.serial(), replacement);
        }
        return Future.succeededFuture(free);
    }

    @Override
    public void issued(CertificateRecord certificate) {
        events.add("issued " + certificate.serial());
    }

    @Override
    public Future<Void> revoked(CertificateRecord certificate) {
        events.add("revoked " + certificate.serial());
        return Future.succeededFuture();
    }
}
