package dev.inkan.core.vetting;

import java.time.Instant;
import java.util.Objects;

/**
 * A person who applies for OV vetting through the portal.
 *
 * @param passwordHash            an Argon2id encoding, never the password
 * @param verificationTokenSha256 the one-time email link's token, hashed; null once used
 */
public record Applicant(String id, String email, String passwordHash, boolean emailVerified,
        String verificationTokenSha256, Instant verificationExpires, Instant createdAt) {
    public Applicant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    public Applicant verified() {
        return new Applicant(id, email, passwordHash, true, null, null, createdAt);
    }
}
