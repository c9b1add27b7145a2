package dev.inkan.core.port;

import dev.inkan.core.model.CaaResult;
import io.vertx.core.Future;

/**
 * CAA (RFC 8659, RFC 8657, BR 3.2.2.8): may this CA issue for a name? It returns what it found; the RA
 * stores it. A refusal and a failed lookup are results with a problem, never a failed future.
 */
public interface CaaChecker {

    /**
     * @param name             the name, without {@code *.}
     * @param wildcard         true when the certificate will hold {@code *.name}
     * @param accountUri       the requesting ACME account's URL (RFC 8657 {@code accounturi})
     * @param validationMethod the ACME method that proved control, e.g. {@code http-01} (RFC 8657
     *                         {@code validationmethods})
     */
    record CaaRequest(String name, boolean wildcard, String accountUri, String validationMethod) {}

    Future<CaaResult> check(CaaRequest request);
}
