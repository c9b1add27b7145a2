package dev.inkan.ca.issuance;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a crash: every issuance left half-way is closed so that it can never continue. A serial whose final TBS
 * was not yet recorded is ABANDONED (its precertificate, if signed, stays on record for status and revocation);
 * one whose final TBS was recorded is INTERRUPTED (the final certificate may exist but is never signed again);
 * either way its certificate record becomes FAILED. One whose final certificate was stored ISSUED before the stop is
 * only marked FINAL_ISSUED. Run it at start-up, before new issuance begins, with the
 * start-up instant.
 */
public final class IssuanceRecovery {
    static final String REASON = "issuance interrupted by a stop or a crash";

    private final IssuanceStores stores;
    private final Clock clock;

    public IssuanceRecovery(IssuanceStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** @return the serials closed */
    public Future<List<String>> run(Instant startedBefore) {
        List<String> closed = new ArrayList<>();
        return stores.precertificates().unfinishedSince(startedBefore)
                .compose(unfinished -> sequentially(unfinished.stream().map(p -> (Step) () -> close(p, closed)).toList()))
                .compose(v -> stores.certificates().reservedSince(startedBefore))
                .compose(reserved -> sequentially(reserved.stream().map(c -> (Step) () -> fail(c, closed)).toList()))
                .map(v -> List.copyOf(closed));
    }

    private interface Step {
        Future<Void> run();
    }

    private static Future<Void> sequentially(List<Step> steps) {
        Future<Void> f = Future.succeededFuture();
        for (Step s : steps) {
            f = f.compose(v -> s.run());
        }
        return f;
    }

    private Future<Void> close(Precertificate p, List<String> closed) {
        if (p.stage() != PrecertificateStage.FINAL_INTENDED) {
            return closeUnfinished(p, closed);
        }
        // a stop between storing the final certificate and moving its record: the certificate exists and is issued,
        // so the record catches up (FINAL_ISSUED) instead of saying INTERRUPTED beside an ISSUED certificate
        return stores.certificates().bySerial(p.serial()).compose(c -> c.isPresent()
                && c.get().status() == dev.inkan.core.model.CertificateStatus.ISSUED
                        ? stores.precertificates().markFinalIssued(p.serial(), clock.instant()).mapEmpty()
                        : closeUnfinished(p, closed));
    }

    private Future<Void> closeUnfinished(Precertificate p, List<String> closed) {
        Instant now = clock.instant();
        Future<Optional<Precertificate>> moved = p.stage() == PrecertificateStage.FINAL_INTENDED
                ? stores.precertificates().markInterrupted(p.serial(), now)
                : stores.precertificates().abandon(p.serial(), REASON, now);
        return moved.compose(m -> stores.certificates().markFailed(p.serial()))
                .compose(m -> audit(p.serial(), p.stage().name()))
                .map(v -> {
                    closed.add(p.serial());
                    return null;
                });
    }

    /** A serial RESERVED without a precertificate record, or whose record was closed above. */
    private Future<Void> fail(CertificateRecord c, List<String> closed) {
        return stores.certificates().markFailed(c.serial()).compose(m -> {
            if (m.isEmpty() || closed.contains(c.serial())) {
                return Future.succeededFuture();
            }
            closed.add(c.serial());
            return audit(c.serial(), "RESERVED");
        });
    }

    private Future<Void> audit(String serial, String stage) {
        return stores.audit().record(new AuditEvent("issuance.recovered", "system", serial,
                Map.of("stage", stage, "reason", REASON), clock.instant()));
    }
}
