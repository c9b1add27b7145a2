package dev.inkan.acme;

import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.OrderReader;
import dev.inkan.core.port.Stores;
import java.util.Objects;

/** The read-only store views the front end renders from; every change goes through the RA. */
public record AcmeReaders(
        AccountReader accounts,
        OrderReader orders,
        AuthorizationReader authorizations,
        CertificateReader certificates,
        CaCertificateReader caCertificates) {
    public AcmeReaders {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(authorizations, "authorizations");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(caCertificates, "caCertificates");
    }

    /** The read-only views of the composition root's stores. */
    public static AcmeReaders of(Stores stores) {
        return new AcmeReaders(stores.accounts(), stores.orders(), stores.authorizations(), stores.certificates(),
                stores.caCertificates());
    }
}
