package dev.inkan.core.port;

/** Every store port, as the composition root hands them out. */
public record Stores(
        AccountStore accounts,
        OrderStore orders,
        AuthorizationStore authorizations,
        CertificateStore certificates,
        CaCertificateStore caCertificates,
        NonceStore nonces,
        AuditLog audit) {}
