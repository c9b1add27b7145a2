package dev.inkan.orderapi;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.reseller.ResellerOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order as the API shows it: the reseller's record joined with the RA's order, its authorizations (one per name,
 * with what to publish for the chosen method) and the certificate.
 */
final class OrderView {
    private final OrderApiReaders readers;
    private final OrderApiConfig config;

    OrderView(OrderApiReaders readers, OrderApiConfig config) {
        this.readers = readers;
        this.config = config;
    }

    Future<JsonObject> of(ResellerOrder o) {
        Future<Optional<Order>> ra = readers.orders().byId(o.raOrderId());
        return ra.compose(found -> {
            Order order = found.orElseThrow(() -> new IllegalStateException("RA order " + o.raOrderId() + " is missing"));
            Future<List<Authorization>> authzs = readers.authorizations().byIds(order.authorizationIds());
            Future<Optional<Account>> account = readers.accounts().byId(order.accountId());
            Future<Optional<CertificateRecord>> cert = o.certificateSerial() == null
                    ? Future.succeededFuture(Optional.empty())
                    : readers.certificates().bySerial(o.certificateSerial());
            return Future.all(authzs, account, cert).map(all -> json(o, order, authzs.result(),
                    account.result().map(Account::keyThumbprint).orElse(""), cert.result().orElse(null)));
        });
    }

    Future<JsonArray> of(List<ResellerOrder> orders) {
        List<Future<JsonObject>> views = orders.stream().map(this::of).toList();
        return Future.all(views).map(all -> new JsonArray(views.stream().map(Future::result).map(Object.class::cast)
                .toList()));
    }

    private JsonObject json(ResellerOrder o, Order order, List<Authorization> authzs, String thumbprint,
            CertificateRecord cert) {
        Map<String, Authorization> byId = new HashMap<>();
        authzs.forEach(a -> byId.put(a.id(), a));
        JsonArray validations = new JsonArray();
        for (int i = 0; i < order.identifiers().size(); i++) {
            String name = order.identifiers().get(i).value();
            Authorization a = byId.get(order.authorizationIds().get(i));
            validations.add(validation(name, o.methods().getOrDefault(name, Methods.DNS_01), a, thumbprint));
        }
        JsonObject j = new JsonObject().put("id", o.id()).put("status", o.status().wire())
                .put("customerId", o.customerId()).put("profile", o.profile()).put("names", new JsonArray(o.names()))
                .put("validations", validations)
                .put("expires", o.status().moving() ? order.expires().toString() : null)
                .put("reissueOf", o.reissueOf())
                .put("certificate", cert == null || cert.der() == null ? null : certificate(o, cert))
                .put("error", o.error() == null ? null : ApiProblem.fromRa(o.error()).json(null))
                .put("createdAt", o.createdAt().toString()).put("updatedAt", o.updatedAt().toString());
        return j;
    }

    private JsonObject certificate(ResellerOrder o, CertificateRecord c) {
        return new JsonObject().put("serial", c.serial()).put("notBefore", c.notBefore().toString())
                .put("notAfter", c.notAfter().toString())
                .put("url", config.api("/orders/" + o.id() + "/certificate"))
                .put("revokedAt", c.revokedAt() == null ? null : c.revokedAt().toString())
                .put("revocationReason", c.revocationReason() == null ? null : ReasonNames.name(c.revocationReason()));
    }

    private static JsonObject validation(String name, String method, Authorization a, String thumbprint) {
        JsonObject v = new JsonObject().put("name", name).put("method", method);
        if (a == null) {
            return v.put("status", "invalid");
        }
        Optional<Challenge> chosen = a.challenges().stream().filter(c -> c.type().equals(Methods.raType(method)))
                .findFirst();
        String status = a.status().wire();
        if (chosen.isPresent() && chosen.get().status() == ChallengeStatus.PROCESSING) {
            status = "processing";
        }
        v.put("status", status);
        chosen.ifPresent(c -> {
            v.put("validatedAt", c.validated() == null ? null : c.validated().toString());
            v.put("error", c.error() == null ? null : ApiProblem.fromRa(c.error()).json(null));
            String keyAuthorization = c.token() + "." + thumbprint;
            String base = a.identifier().value();
            if (method.equals(Methods.HTTP_01)) {
                v.put("http01", new JsonObject()
                        .put("url", "http://" + base + "/.well-known/acme-challenge/" + c.token())
                        .put("content", keyAuthorization));
            } else if (method.equals(Methods.EMAIL)) {
                // the token is only the digest of the value mailed: the value itself is never shown
                v.put("email", new JsonObject().put("address", c.target())
                        .put("sentAt", c.valueIssued() == null ? null : c.valueIssued().toString()));
            } else if (method.equals(Methods.FILE)) {
                v.put("file", new JsonObject()
                        .put("url", "http://" + base + "/.well-known/pki-validation/" + c.target())
                        .put("content", c.token()));
            } else if (method.equals(Methods.DNS_01)) {
                // RFC 8555 §8.4: the TXT value is the base64url SHA-256 of the key authorization
                v.put("dns01", new JsonObject().put("recordName", "_acme-challenge." + base).put("recordType", "TXT")
                        .put("recordValue", Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(keyAuthorization))));
            }
        });
        return v;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
