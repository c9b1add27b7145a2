package dev.inkan.core.port;

import java.security.PublicKey;

/**
 * The one policy for public keys a subscriber brings (BR 6.1.1.3, 6.1.5, 6.1.6): the RA asks it for the CSR key at
 * finalize and for account keys at newAccount and keyChange, and the CA asks it again in front of every signature.
 * Refusals are {@code CaException(BAD_PUBLIC_KEY)} saying what is wrong and what is accepted. The compromised-key
 * blocklist ({@link BlockedKeys}) is a separate, stored question.
 */
public interface SubscriberKeyPolicy {
    /** What the key is for: account keys may also be Ed25519 (RFC 8555 §6.2), certificate keys may not. */
    enum Use { CERTIFICATE, ACCOUNT }

    /** The checked key, decoded from its DER SubjectPublicKeyInfo; throws CaException(BAD_PUBLIC_KEY). */
    PublicKey check(byte[] subjectPublicKeyInfo, Use use);
}
