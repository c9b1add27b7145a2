package dev.inkan.validators.perspective;

import java.util.Objects;

/**
 * The PEM files for mutual TLS between the primary and the remote perspectives (BR 3.2.2.9: an authenticated and
 * encrypted channel): this side's certificate and key, and the certificates (or CA) it trusts for the other side.
 */
public record PerspectiveTls(String certPem, String keyPem, String trustPem) {
    public PerspectiveTls {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        Objects.requireNonNull(trustPem, "trustPem");
    }
}
