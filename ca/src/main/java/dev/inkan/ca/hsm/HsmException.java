package dev.inkan.ca.hsm;

/**
 * The token cannot be used: wrong PIN, missing library, SOFTHSM2_CONF not exported, a key that is not there.
 * The message says what to fix and is safe to print; it never contains a PIN.
 */
public final class HsmException extends IllegalStateException {
    public HsmException(String message) {
        super(message);
    }

    public HsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
