package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.model.Replacement;
import dev.inkan.ra.policy.AriCertId;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RFC 9773 §5 {@code replaces} in newOrder: the certificate named must be one this account was issued and share a
 * name with the new order, and one certificate is replaced by one order. An earlier replacement order that failed
 * or expired unfinished gives its claim up to the next one.
 */
public final class ReplacementClaim {
    private final OperationContext ctx;
    private final StatusLink status;

    /** The checked request: what is replaced, and the failed order whose claim it takes over, if any. */
    public record Checked(String certId, CertificateRecord replaced, String supersededOrderId) {}

    public ReplacementClaim(OperationContext ctx, StatusLink status) {
        this.ctx = ctx;
        this.status = status;
    }

    /** Everything but the claim itself, which needs the new order's id. */
    public Future<Checked> check(String accountId, List<Identifier> identifiers, String certIdText) {
        AriCertId certId = AriCertId.parse(certIdText);
        return ctx.certificates().bySerial(certId.serialHex()).compose(found -> {
            CertificateRecord replaced = found
                    .filter(c -> c.der() != null && AriCertId.of(c.der()).sameAs(certId))
                    .filter(c -> c.status() == CertificateStatus.ISSUED || c.status() == CertificateStatus.REVOKED)
                    .orElseThrow(() -> new CaException(ErrorKind.MALFORMED,
                            "\"replaces\" names no certificate issued by this CA: " + certIdText));
            if (!accountId.equals(replaced.accountId())) {
                throw new CaException(ErrorKind.UNAUTHORIZED,
                        "the certificate named in \"replaces\" was issued to another account");
            }
            if (identifiers.stream().noneMatch(i -> replaced.dnsNames().contains(i.value()))) {
                throw new CaException(ErrorKind.MALFORMED, "the order shares no identifier with the certificate it"
                        + " replaces (" + String.join(", ", replaced.dnsNames()) + ")");
            }
            return status.services().renewals().replacementOf(replaced.serial())
                    .compose(claim -> supersedable(claim, replaced))
                    .map(superseded -> new Checked(certIdText, replaced, superseded.orElse(null)));
        });
    }

    /** Records the claim for the new order; {@code alreadyReplaced} when another order won it meanwhile. */
    public Future<Order> claim(Checked checked, Order order) {
        Replacement r = new Replacement(checked.replaced().serial(), checked.certId(), order.id(), order.accountId());
        return status.services().renewals().claim(r, checked.supersededOrderId()).map(won -> {
            if (!won) {
                throw alreadyReplaced(checked.replaced());
            }
            return order;
        });
    }

    /** Empty when no order claimed it; the failed order's id when its claim may be taken over. */
    private Future<Optional<String>> supersedable(Optional<Replacement> claim, CertificateRecord replaced) {
        if (claim.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String orderId = claim.get().orderId();
        Instant now = ctx.now();
        return ctx.orders().byId(orderId).map(order -> {
            if (order.isEmpty() || gaveUp(order.get(), now)) {
                return Optional.of(orderId);
            }
            throw alreadyReplaced(replaced);
        });
    }

    private static boolean gaveUp(Order o, Instant now) {
        boolean unfinished = o.status() == OrderStatus.PENDING || o.status() == OrderStatus.READY;
        return o.status() == OrderStatus.INVALID || (unfinished && !o.expires().isAfter(now));
    }

    private static CaException alreadyReplaced(CertificateRecord replaced) {
        return new CaException(ErrorKind.ALREADY_REPLACED, "certificate " + replaced.serial()
                + " is already replaced by another order (RFC 9773 §5)");
    }
}
