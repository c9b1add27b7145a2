package dev.inkan.orderapi;

import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.OrderReader;
import dev.inkan.core.vetting.VettedOrganizations;
import java.util.Objects;

/**
 * The read-only views of the RA's objects the API shows; every change goes through the RA.
 *
 * @param organizations the organizations OV vetting approved and their External Account Binding keys, which OV
 *                      customers are linked through
 */
public record OrderApiReaders(
        AccountReader accounts,
        OrderReader orders,
        AuthorizationReader authorizations,
        CertificateReader certificates,
        CaCertificateReader caCertificates,
        VettedOrganizations organizations) {
    public OrderApiReaders {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(authorizations, "authorizations");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(organizations, "organizations");
    }
}
