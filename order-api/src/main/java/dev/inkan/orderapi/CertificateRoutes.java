package dev.inkan.orderapi;

import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CustomerStore;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import dev.inkan.core.reseller.Reseller;
import dev.inkan.core.reseller.ResellerOrder;
import dev.inkan.core.reseller.ResellerOrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** /orders/{id}/certificate, /reissue and /revoke: what is done with an issued certificate. */
final class CertificateRoutes {
    private final RegistrationAuthority ra;
    private final OrderApiReaders readers;
    private final CustomerStore customers;
    private final OrderRoutes owner;
    private final OrderPlacement placement;
    private final OrderSync sync;
    private final OrderView view;

    CertificateRoutes(RegistrationAuthority ra, OrderApiReaders readers, CustomerStore customers, OrderRoutes owner,
            OrderPlacement placement, OrderSync sync, OrderView view) {
        this.ra = ra;
        this.readers = readers;
        this.customers = customers;
        this.owner = owner;
        this.placement = placement;
        this.sync = sync;
        this.view = view;
    }

    /** The leaf and its issuing CA, PEM (RFC 8555 §7.4.2's format), for an issued or revoked order. */
    Future<Reply> certificate(RoutingContext ctx, Reseller reseller) {
        return owner.owned(reseller, ctx.pathParam("orderId")).compose(sync::follow).compose(o -> certificateOf(o))
                .compose(leaf -> readers.caCertificates().byId(leaf.issuerId()).map(issuer -> {
                    CaCertificate ca = issuer.orElseThrow(() -> new IllegalStateException(
                            "issuer " + leaf.issuerId() + " of " + leaf.serial() + " is not stored"));
                    return new Reply(200, Reply.PEM_CHAIN, Pem.certificate(leaf.der()) + Pem.certificate(ca.der()), null);
                }));
    }

    /**
     * The same names, a new key: a new order through the same pipeline, whose validations the RA reuses inside their
     * reuse window (BR 4.2.1), so it is issued without validating again. The old certificate stays valid; revoke it
     * when the new one is installed.
     */
    Future<Reply> reissue(RoutingContext ctx, Reseller reseller) {
        byte[] csr = Pem.csr(ctx.body().asJsonObject().getString("csr"));
        return owner.owned(reseller, ctx.pathParam("orderId")).compose(o -> {
            if (o.status() != ResellerOrderStatus.ISSUED) {
                throw ApiProblem.conflict("order " + o.id() + " is " + o.status().wire()
                        + "; only an issued certificate is reissued (place a new order otherwise)");
            }
            Future<CertificateRecord> old = certificateOf(o);
            Future<String> newKey = ra.checkCertificateRequest(o.names().stream().map(Identifier::dns).toList(), csr);
            return Future.all(old, newKey).compose(both -> {
                if (old.result().spkiSha256() != null && old.result().spkiSha256().equals(newKey.result())) {
                    throw ApiProblem.unprocessable("sameKey",
                            "a reissue needs a new key; the CSR has the key of certificate " + old.result().serial());
                }
                return customers.byId(o.customerId());
            }).compose(customer -> placement.place(new OrderPlacement.Request(reseller, customer.orElseThrow(),
                    o.names(), o.methods(), Map.of(), o.profile(), csr, o.id())));
        }).compose(owner::created);
    }

    /**
     * Revocation with a subscriber's reason (BR 4.9.1.1, 7.2.2) through the RA, as the customer's account: the CRL
     * and OCSP say so when this answers.
     */
    Future<Reply> revoke(RoutingContext ctx, Reseller reseller) {
        JsonObject body = ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
        RevocationReason reason = ReasonNames.parse(body.getString("reason", "unspecified"));
        return owner.owned(reseller, ctx.pathParam("orderId")).compose(o -> {
            if (o.status() != ResellerOrderStatus.ISSUED) {
                throw ApiProblem.conflict("order " + o.id() + " is " + o.status().wire() + "; only an issued"
                        + " certificate is revoked");
            }
            return certificateOf(o).compose(c -> customers.byId(o.customerId()).compose(customer -> ra
                            .revokeCertificate(new RevocationRequest(c.der(), reason, customer.orElseThrow().accountId(),
                                    false))
                            .compose(v -> readers.certificates().bySerial(c.serial())))
                    .compose(revoked -> sync.revoked(revoked.orElseThrow()))
                    .compose(v -> owner.owned(reseller, o.id())));
        }).compose(view::of).map(j -> Reply.json(200, j));
    }

    private Future<CertificateRecord> certificateOf(ResellerOrder o) {
        if (o.certificateSerial() == null) {
            throw ApiProblem.conflict("order " + o.id() + " is " + o.status().wire() + "; it has no certificate yet");
        }
        return readers.certificates().bySerial(o.certificateSerial()).map(found -> found.filter(c -> c.der() != null)
                .orElseThrow(() -> new IllegalStateException("certificate " + o.certificateSerial() + " is missing")));
    }
}
