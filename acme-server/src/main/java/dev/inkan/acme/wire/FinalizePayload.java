package dev.inkan.acme.wire;

import dev.inkan.acme.problem.Problems;
import io.vertx.core.json.JsonObject;

/** The finalize payload (RFC 8555 §7.4): the CSR, decoded here so a bad encoding never reaches the RA. */
public record FinalizePayload(byte[] csrDer) {

    public static FinalizePayload parse(JsonObject payload) {
        Object csr = payload.getValue("csr");
        if (!(csr instanceof String text)) {
            throw Problems.badCsr("\"csr\" must be the base64url DER of a PKCS#10 request");
        }
        byte[] der = Base64Url.decode(text)
                .filter(b -> b.length > 0)
                .orElseThrow(() -> Problems.badCsr("\"csr\" is not base64url (RFC 8555 §7.4: no padding, URL alphabet)"));
        return new FinalizePayload(der);
    }
}
