package dev.inkan.orderapi;

import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CustomerStore;
import dev.inkan.core.port.OutboundMail;
import dev.inkan.core.port.ResellerStore;
import dev.inkan.core.reseller.Customer;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CP 002 §4.3.2 (and §4.4.2, §4.9.3): issuance, expiry and revocation notices for orders placed through a reseller.
 * They go to the reseller's address and, when the reseller asked for it on the customer, to the subscriber too. Mail
 * is best effort: a failure is logged and never undoes what happened.
 */
final class ResellerNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ResellerNotices.class);

    private final OutboundMail mailer;
    private final ResellerStore resellers;
    private final CustomerStore customers;

    /** @param mailer null when notification is off */
    ResellerNotices(OutboundMail mailer, ResellerStore resellers, CustomerStore customers) {
        this.mailer = mailer;
        this.resellers = resellers;
        this.customers = customers;
    }

    Future<Void> issued(ResellerOrder o, CertificateRecord c) {
        return send(o, "Certificate issued for " + c.dnsNames().get(0) + " (order " + o.id() + ")",
                "A certificate was issued for order " + o.id() + ".\n\n" + facts(c)
                        + "Download it with GET /api/v1/orders/" + o.id() + "/certificate.\n"
                        + "If it was not requested, revoke it: POST /api/v1/orders/" + o.id() + "/revoke.\n");
    }

    Future<Void> expiring(ResellerOrder o, CertificateRecord c) {
        return send(o, "Certificate for " + c.dnsNames().get(0) + " expires on " + c.notAfter(),
                "The certificate of order " + o.id() + " expires soon.\n\n" + facts(c)
                        + "To replace it, place a new order for the same names (POST /api/v1/orders).\n");
    }

    Future<Void> revoked(ResellerOrder o, CertificateRecord c) {
        RevocationReason reason = c.revocationReason() == null ? RevocationReason.UNSPECIFIED : c.revocationReason();
        return send(o, "Certificate revoked for " + c.dnsNames().get(0) + " (order " + o.id() + ")",
                "The certificate of order " + o.id() + " was revoked.\n\n" + facts(c)
                        + "Revoked at:   " + c.revokedAt() + "\n"
                        + "Reason:       " + ReasonNames.name(reason) + " (CRL reason code " + reason.code() + ")\n\n"
                        + "Relying parties see it as revoked on the CRL and through OCSP. Revocation is final.\n");
    }

    private static String facts(CertificateRecord c) {
        return "Names:        " + String.join(", ", c.dnsNames()) + "\n"
                + "Serial:       " + c.serial() + "\n"
                + "Issuing CA:   " + c.issuerId() + "\n"
                + "Valid from:   " + c.notBefore() + "\n"
                + "Valid until:  " + c.notAfter() + "\n\n";
    }

    private Future<Void> send(ResellerOrder o, String subject, String text) {
        if (mailer == null) {
            return Future.succeededFuture();
        }
        Future<java.util.Optional<Reseller>> reseller = resellers.byId(o.resellerId());
        Future<java.util.Optional<Customer>> customer = customers.byId(o.customerId());
        return Future.all(reseller, customer).compose(both -> {
            List<String> to = new ArrayList<>();
            reseller.result().ifPresent(r -> to.add(r.email()));
            customer.result().filter(Customer::notifySubscriber).map(Customer::email).ifPresent(to::add);
            return to.isEmpty() ? Future.<Void>succeededFuture() : mailer.send(to, subject, text);
        }).recover(e -> {
            LOG.warn("could not email \"{}\" for order {}: {}", subject, o.id(), e.toString());
            return Future.succeededFuture();
        });
    }
}
