package dev.inkan.core.vetting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A member of the vetting team.
 *
 * @param passwordHash an Argon2id encoding
 * @param totpSecret   the RFC 6238 shared secret, base32; null until the second factor is enrolled
 * @param totpLastStep the last accepted time step, so a code is accepted once (RFC 6238 §5.2)
 */
public record StaffMember(String id, String displayName, List<StaffRole> roles, String passwordHash,
        String totpSecret, long totpLastStep, boolean active, Instant createdAt) {
    public StaffMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = List.copyOf(roles);
    }

    public boolean has(StaffRole role) {
        return active && roles.contains(role);
    }

    public StaffMember withTotp(String secret, long lastStep) {
        return new StaffMember(id, displayName, roles, passwordHash, secret, lastStep, active, createdAt);
    }
}
