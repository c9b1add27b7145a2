package dev.inkan.core.port;

import dev.inkan.core.model.Precertificate;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Precertificates and the stage each serial's issuance reached. Every change is one conditional update from the
 * expected stage; empty means the serial was not in that stage and nothing was written. This is what makes one
 * serial get at most one final certificate: only the caller that moves SIGNED to FINAL_INTENDED may sign it.
 */
public interface PrecertificateStore {
    /** Records a TBS_RECORDED precertificate; a serial recorded twice fails with {@code CaException(CONFLICT)}. */
    Future<Precertificate> insert(Precertificate recorded);

    Future<Optional<Precertificate>> bySerial(String serial);

    /** Every serial an order's issuance reserved (a retry after a crash reserves a new one). */
    Future<List<Precertificate>> byOrder(String orderId);

    /** TBS_RECORDED to SIGNED with the signed precertificate. */
    Future<Optional<Precertificate>> markSigned(String serial, byte[] precertDer, Instant at);

    /** SIGNED to FINAL_INTENDED with the SCTs and the final TBS about to be signed. */
    Future<Optional<Precertificate>> recordFinalIntent(String serial, List<byte[]> scts, byte[] finalTbsDer, Instant at);

    /** FINAL_INTENDED to FINAL_ISSUED. */
    Future<Optional<Precertificate>> markFinalIssued(String serial, Instant at);

    /** TBS_RECORDED or SIGNED to ABANDONED with the reason. */
    Future<Optional<Precertificate>> abandon(String serial, String reason, Instant at);

    /** FINAL_INTENDED to INTERRUPTED, after a crash. */
    Future<Optional<Precertificate>> markInterrupted(String serial, Instant at);

    /** TBS_RECORDED, SIGNED or FINAL_INTENDED since before {@code updatedBefore}: work a crash may have cut. */
    Future<List<Precertificate>> unfinishedSince(Instant updatedBefore);
}
