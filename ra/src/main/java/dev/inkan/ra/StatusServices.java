package dev.inkan.ra;

import dev.inkan.core.model.RenewalFlag;
import dev.inkan.core.model.Replacement;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.CertificateEvents;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.Renewals;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/**
 * What revocation, renewal information and certificate notices need besides the RA's stores: the key blocklist
 * (BR 6.1.1.3 (4)), the revocation count CRL publishers watch, the ARI store (RFC 9773) and the listeners told of
 * issuance and revocation (CRL, OCSP, subscriber email).
 *
 * @param explanationUrl the page ARI names for revoked certificates, or null
 */
public record StatusServices(BlockedKeys blockedKeys, CrlCounters crlCounters, Renewals renewals,
        CertificateEvents events, String explanationUrl) {
    public StatusServices {
        Objects.requireNonNull(blockedKeys, "blockedKeys");
        Objects.requireNonNull(crlCounters, "crlCounters");
        Objects.requireNonNull(renewals, "renewals");
        events = events == null ? CertificateEvents.NONE : events;
    }

    /**
     * Until the composition root connects real ones: nothing is blocked or counted, no certificate is flagged or
     * replaced, nobody is told. Revocation still works; ARI answers from the certificates alone.
     */
    public static StatusServices unconnected() {
        return new StatusServices(UNCONNECTED_KEYS, UNCONNECTED_COUNTERS, UNCONNECTED_RENEWALS, CertificateEvents.NONE,
                null);
    }

    private static final BlockedKeys UNCONNECTED_KEYS = new BlockedKeys() {
        @Override
        public Future<Boolean> isBlocked(String spkiSha256) {
            return Future.succeededFuture(false);
        }

        @Override
        public Future<Void> block(String spkiSha256, String reason) {
            return Future.succeededFuture();
        }
    };

    private static final CrlCounters UNCONNECTED_COUNTERS = new CrlCounters() {
        @Override
        public Future<Long> nextCrlNumber(String crlId) {
            return Future.failedFuture(new IllegalStateException("no CRL counters are connected"));
        }

        @Override
        public Future<Long> revocationRecorded(String issuerId) {
            return Future.succeededFuture(0L);
        }

        @Override
        public Future<Long> revocations(String issuerId) {
            return Future.succeededFuture(0L);
        }
    };

    private static final Renewals UNCONNECTED_RENEWALS = new Renewals() {
        @Override
        public Future<RenewalFlag> flag(RenewalFlag flag) {
            return Future.failedFuture(new IllegalStateException("no renewal store is connected"));
        }

        @Override
        public Future<Optional<RenewalFlag>> flagOf(String serial) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Optional<Replacement>> replacementOf(String serial) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Optional<Replacement>> replacementBy(String orderId) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Boolean> claim(Replacement replacement, String supersededOrderId) {
            return Future.succeededFuture(true);
        }
    };
}
