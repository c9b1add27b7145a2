package dev.inkan.ca.issuance;

import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.port.PrecertificateStore;
import java.util.Objects;

/** The stores the issuance pipeline writes to, in the order it writes them. */
public record IssuanceStores(
        CertificateStore certificates, PrecertificateStore precertificates, BlockedKeys blockedKeys, AuditLog audit) {
    public IssuanceStores {
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(precertificates, "precertificates");
        Objects.requireNonNull(blockedKeys, "blockedKeys");
        Objects.requireNonNull(audit, "audit");
    }
}
