package dev.inkan.core.port;

import io.vertx.core.Future;
import java.util.List;

/**
 * Certificate Transparency as the CA sees it (RFC 6962 §3): the precertificate goes to logs, the signed
 * certificate timestamps come back verified, enough of them and from enough operators for the browsers' CT
 * policies. Fails with a {@code CaException} telling which logs failed and why when the policy cannot be met.
 */
public interface SctSource {

    /**
     * @param precertificateDer the signed precertificate (with the poison extension)
     * @param issuerDer         the certificate of the CA that signed it
     * @return each SCT in its RFC 6962 §3.2 TLS encoding, as it goes into the SignedCertificateTimestampList
     */
    Future<List<byte[]>> scts(byte[] precertificateDer, byte[] issuerDer);

    /** Submits the final certificate to the logs (RFC 6962 §4.1 add-chain), best effort: never fails. */
    default Future<Void> submitFinal(byte[] certificateDer, byte[] issuerDer) {
        return Future.succeededFuture();
    }
}
