package dev.inkan.acme.jws;

/** Which key a request must be signed with (RFC 8555 §6.2). */
public enum KeyBinding {
    /** {@code jwk}: newAccount, where no account exists yet. */
    JWK,
    /** {@code kid}: an existing, valid account's URL; every other resource. */
    KID,
    /** Either: revokeCert, signed by the account or by the certificate's own key (RFC 8555 §7.6). */
    JWK_OR_KID
}
