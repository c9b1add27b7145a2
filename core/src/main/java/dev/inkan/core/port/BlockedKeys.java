package dev.inkan.core.port;

import io.vertx.core.Future;

/**
 * Public keys the CA must never certify again (BR 6.1.1.3 (4)): keys reported compromised through revocation
 * with reason keyCompromise, and keys an operator adds. Keys are named by the lowercase hex SHA-256 of their DER
 * SubjectPublicKeyInfo.
 */
public interface BlockedKeys {
    Future<Boolean> isBlocked(String spkiSha256);

    /** Adds the key; blocking a key twice keeps the first entry and succeeds. */
    Future<Void> block(String spkiSha256, String reason);
}
