package dev.inkan.orderapi;

import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.OrderReader;
import java.util.Objects;

/** The read-only views of the RA's objects the API shows; every change goes through the RA. */
public record OrderApiReaders(
        AccountReader accounts,
        OrderReader orders,
        AuthorizationReader authorizations,
        CertificateReader certificates,
        CaCertificateReader caCertificates) {
    public OrderApiReaders {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(authorizations, "authorizations");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(caCertificates, "caCertificates");
    }
}
