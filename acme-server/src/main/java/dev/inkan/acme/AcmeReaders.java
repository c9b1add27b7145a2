package dev.inkan.acme;

import dev.inkan.core.port.AccountReader;
import dev.inkan.core.port.AuthorizationReader;
import dev.inkan.core.port.CaCertificateReader;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.OrderReader;
import dev.inkan.core.port.Stores;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.VettedOrganizations;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/** The read-only store views the front end renders from; every change goes through the RA. */
public record AcmeReaders(
        AccountReader accounts,
        OrderReader orders,
        AuthorizationReader authorizations,
        CertificateReader certificates,
        CaCertificateReader caCertificates,
        ExternalAccountKeys externalAccountKeys) {
    public AcmeReaders {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(authorizations, "authorizations");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(externalAccountKeys, "externalAccountKeys");
    }

    /** Without issued External Account Binding keys: only the configured ones bind. */
    public AcmeReaders(AccountReader accounts, OrderReader orders, AuthorizationReader authorizations,
            CertificateReader certificates, CaCertificateReader caCertificates) {
        this(accounts, orders, authorizations, certificates, caCertificates, kid -> Future.succeededFuture(Optional.empty()));
    }

    /** The EAB keys issued to vetted organizations (RFC 8555 §7.3.4), by key id. */
    @FunctionalInterface
    public interface ExternalAccountKeys {
        Future<Optional<ExternalAccountKey>> byKid(String kid);

        static ExternalAccountKeys of(VettedOrganizations vetted) {
            return vetted::externalAccountKey;
        }
    }

    /** The read-only views of the composition root's stores. */
    public static AcmeReaders of(Stores stores) {
        return new AcmeReaders(stores.accounts(), stores.orders(), stores.authorizations(), stores.certificates(),
                stores.caCertificates());
    }

    /** The same, with the EAB keys issued on approval of an organization's vetting. */
    public static AcmeReaders of(Stores stores, VettedOrganizations vetted) {
        return new AcmeReaders(stores.accounts(), stores.orders(), stores.authorizations(), stores.certificates(),
                stores.caCertificates(), ExternalAccountKeys.of(vetted));
    }
}
