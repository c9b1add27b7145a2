package dev.inkan.ca;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.PrecertificateStage;
import dev.inkan.core.port.PrecertificateStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The PrecertificateStore contract in a map: each transition conditional on the expected stages. */
public final class InMemoryPrecertificateStore implements PrecertificateStore {
    private final Map<String, Precertificate> bySerial = new ConcurrentHashMap<>();

    public List<Precertificate> all() {
        return List.copyOf(bySerial.values());
    }

    @Override
    public Future<Precertificate> insert(Precertificate recorded) {
        if (bySerial.putIfAbsent(recorded.serial(), recorded) != null) {
            return Future.failedFuture(new CaException(ErrorKind.CONFLICT, "serial exists"));
        }
        return Future.succeededFuture(recorded);
    }

    /** Puts a record in any stage, as a crash would have left it. */
    public void put(Precertificate p) {
        bySerial.put(p.serial(), p);
    }

    @Override
    public Future<Optional<Precertificate>> bySerial(String serial) {
        return Future.succeededFuture(Optional.ofNullable(bySerial.get(serial)));
    }

    @Override
    public Future<List<Precertificate>> byOrder(String orderId) {
        return Future.succeededFuture(bySerial.values().stream().filter(p -> orderId.equals(p.orderId())).toList());
    }

    @Override
    public Future<Optional<Precertificate>> markSigned(String serial, byte[] precertDer, Instant at) {
        return move(serial, Set.of(PrecertificateStage.TBS_RECORDED), p -> with(p, PrecertificateStage.SIGNED,
                precertDer, p.scts(), p.finalTbsDer(), p.error(), at));
    }

    @Override
    public Future<Optional<Precertificate>> recordFinalIntent(String serial, List<byte[]> scts, byte[] finalTbsDer,
            Instant at) {
        return move(serial, Set.of(PrecertificateStage.SIGNED), p -> with(p, PrecertificateStage.FINAL_INTENDED,
                p.precertDer(), scts, finalTbsDer, p.error(), at));
    }

    @Override
    public Future<Optional<Precertificate>> markFinalIssued(String serial, Instant at) {
        return move(serial, Set.of(PrecertificateStage.FINAL_INTENDED), p -> with(p, PrecertificateStage.FINAL_ISSUED,
                p.precertDer(), p.scts(), p.finalTbsDer(), p.error(), at));
    }

    @Override
    public Future<Optional<Precertificate>> abandon(String serial, String reason, Instant at) {
        return move(serial, Set.of(PrecertificateStage.TBS_RECORDED, PrecertificateStage.SIGNED), p -> with(p,
                PrecertificateStage.ABANDONED, p.precertDer(), p.scts(), p.finalTbsDer(), reason, at));
    }

    @Override
    public Future<Optional<Precertificate>> markInterrupted(String serial, Instant at) {
        return move(serial, Set.of(PrecertificateStage.FINAL_INTENDED), p -> with(p, PrecertificateStage.INTERRUPTED,
                p.precertDer(), p.scts(), p.finalTbsDer(), p.error(), at));
    }

    @Override
    public Future<List<Precertificate>> unfinishedSince(Instant updatedBefore) {
        Set<PrecertificateStage> open = Set.of(PrecertificateStage.TBS_RECORDED, PrecertificateStage.SIGNED,
                PrecertificateStage.FINAL_INTENDED);
        return Future.succeededFuture(bySerial.values().stream()
                .filter(p -> open.contains(p.stage()) && p.updatedAt().isBefore(updatedBefore)).toList());
    }

    private Future<Optional<Precertificate>> move(String serial, Set<PrecertificateStage> from,
            UnaryOperator<Precertificate> change) {
        Precertificate[] out = new Precertificate[1];
        bySerial.computeIfPresent(serial, (s, p) -> {
            if (!from.contains(p.stage())) {
                return p;
            }
            out[0] = change.apply(p);
            return out[0];
        });
        return Future.succeededFuture(Optional.ofNullable(out[0]));
    }

    private static Precertificate with(Precertificate p, PrecertificateStage stage, byte[] precertDer,
            List<byte[]> scts, byte[] finalTbs, String error, Instant at) {
        return new Precertificate(p.serial(), p.issuerId(), p.orderId(), stage, p.precertTbsDer(), precertDer, scts,
                finalTbs, error, p.createdAt(), at);
    }
}
