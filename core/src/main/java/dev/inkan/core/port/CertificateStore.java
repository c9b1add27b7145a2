package dev.inkan.core.port;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevocationReason;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Serials and certificates. Serials are unique: reserving a serial twice fails with
 * {@code CaException(CONFLICT)}. Changes are conditional on the expected status.
 */
public interface CertificateStore extends CertificateReader {
    /** Records a RESERVED serial with its to-be-signed bytes; must happen before any key signs them. */
    Future<CertificateRecord> reserve(CertificateRecord reserved);

    /**
     * RESERVED to PRECERTIFIED with the signed precertificate, before anyone else may see it (BR 7.1.2.9: from now
     * on the serial is issued for status and revocation). Empty if the serial was not RESERVED.
     */
    Future<Optional<CertificateRecord>> markPrecertified(String serial, byte[] precertificateDer);

    /** RESERVED or PRECERTIFIED to ISSUED with the signed certificate. Empty if the serial was in neither. */
    Future<Optional<CertificateRecord>> markIssued(String serial, byte[] der);

    /** RESERVED to FAILED: nothing was or will be signed for this serial. */
    Future<Optional<CertificateRecord>> markFailed(String serial);

    /**
     * ISSUED or PRECERTIFIED to REVOKED. Empty if it was in neither (already revoked, or nothing signed for it).
     */
    Future<Optional<CertificateRecord>> revoke(String serial, RevocationReason reason, Instant at);

    /** REVOKED certificates of an issuer that have not expired at {@code now}: what a CRL must list. */
    Future<List<CertificateRecord>> revokedUnexpired(String issuerId, Instant now);

    /** Serials left RESERVED since before {@code createdBefore}: issuance a crash may have interrupted. */
    Future<List<CertificateRecord>> reservedSince(Instant createdBefore);
}
