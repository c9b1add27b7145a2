package dev.inkan.core.model;

import java.util.Objects;

/**
 * RFC 9773 §5: an order that declared, with {@code replaces}, that it renews a certificate.
 *
 * @param serial  the replaced certificate's serial (lowercase hex)
 * @param certId  the ARI CertID the client sent, echoed in the order object
 * @param orderId the replacing order
 */
public record Replacement(String serial, String certId, String orderId, String accountId) {
    public Replacement {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(certId, "certId");
        Objects.requireNonNull(orderId, "orderId");
    }
}
