package dev.inkan.core.port;

import dev.inkan.core.model.CertificateRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * The signing authority as the RA sees it. It holds the keys; it checks nothing about domain control,
 * which the RA has done. The returned record is ISSUED.
 */
public interface CertificateAuthority {

    /**
     * @param profile              {@code dv}, {@code ov}, ...
     * @param subjectPublicKeyInfo DER SubjectPublicKeyInfo from the CSR
     * @param dnsNames             lowercased; the first one becomes the CN when the profile has one
     */
    record IssuanceRequest(
            String orderId, String accountId, String profile, byte[] subjectPublicKeyInfo, List<String> dnsNames) {
        public IssuanceRequest {
            dnsNames = List.copyOf(dnsNames);
        }
    }

    Future<CertificateRecord> issue(IssuanceRequest request);
}
