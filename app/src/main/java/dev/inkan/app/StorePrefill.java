package dev.inkan.app;

import dev.inkan.ca.SerialNumbers;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.model.Precertificate;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.ra.op.RandomTokens;
import dev.inkan.storage.BulkLoad;
import dev.inkan.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Sandbox only: fills the store with {@code n} finished issuances copied from one the CA really made (the
 * template: its certificate and precertificate records, order, authorizations, CAA checks and account), each
 * under a new serial, new ids and new names, with the audit events the RA and CA record for an issuance, so
 * that the CA can be measured with a store of realistic size and shape (issue 12: throughput at 100,000
 * stored certificates). The certificates' DER is the template's re-encoded with the new serial and names and
 * the template's signature bytes, so every record has its real size; the copies are not valid signatures, and
 * nothing but a sandbox may hold them ({@link #refusal}).
 */
final class StorePrefill {
    static final int CERTIFICATES_PER_ACCOUNT = 100;
    static final int MAX_CERTIFICATES = 1_000_000;
    private static final int BATCH = 1_000;
    private static final int BATCHES_IN_FLIGHT = 2;
    private static final String SYSTEM = "system";

    private final Vertx vertx;
    private final Storage storage;
    private final SerialNumbers serials = new SerialNumbers();
    private final java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
    private String state = "idle";
    private int wanted;
    private long started;
    private long finished;
    private String detail;

    StorePrefill(Vertx vertx, Storage storage) {
        this.vertx = vertx;
        this.storage = storage;
    }

    /** Why this CA refuses to pre-fill, or null when it may. */
    static String refusal(Settings settings) {
        return settings.production() ? "a production CA never holds pre-filled certificates" : null;
    }

    /**
     * {@code POST /admin/prefill} on the admin listener (behind its token), body
     * {@code {"certificates": N, "template": "serial hex"}}, starts a pre-fill and answers 202 (409 while one
     * runs, 403 on a production CA, 400 on a bad request or template); {@code GET /admin/prefill} answers its
     * progress, {@code {"state": "running"|"done"|"failed", "certificates": N, "written": W, "millis": M}}.
     * Asynchronous because a large pre-fill outlasts the listener's idle timeout.
     */
    void mount(Router router, String refusal) {
        router.get("/admin/prefill").handler(ctx -> reply(ctx, 200, progress()));
        router.post("/admin/prefill").handler(ctx -> {
            if (refusal != null) {
                reply(ctx, 403, new JsonObject().put("error", "forbidden").put("detail", refusal));
                return;
            }
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (RuntimeException e) {
                body = null;
            }
            int n = body == null ? 0 : body.getInteger("certificates", 0);
            String serial = body == null ? null : body.getString("template");
            if (n < 1 || n > MAX_CERTIFICATES || serial == null) {
                reply(ctx, 400, new JsonObject().put("error", "malformed").put("detail",
                        "want {\"certificates\": 1.." + MAX_CERTIFICATES + ", \"template\": \"serial of an issued certificate\"}"));
                return;
            }
            template(serial.toLowerCase(java.util.Locale.ROOT)).onComplete(t -> {
                if (t.failed()) {
                    reply(ctx, 400, new JsonObject().put("error", "malformed")
                            .put("detail", "no usable template: " + t.cause().getMessage()));
                    return;
                }
                synchronized (this) {
                    if ("running".equals(state)) {
                        reply(ctx, 409, new JsonObject().put("error", "conflict").put("detail", "a pre-fill runs"));
                        return;
                    }
                    state = "running";
                    wanted = n;
                    written.set(0);
                    started = System.nanoTime();
                    detail = null;
                }
                fill(t.result(), n).onComplete(ar -> {
                    synchronized (this) {
                        state = ar.succeeded() ? "done" : "failed";
                        finished = System.nanoTime();
                        detail = ar.succeeded() ? null : String.valueOf(ar.cause().getMessage());
                    }
                });
                reply(ctx, 202, progress());
            });
        });
    }

    private synchronized JsonObject progress() {
        long end = "running".equals(state) ? System.nanoTime() : finished;
        JsonObject p = new JsonObject().put("state", state).put("certificates", wanted).put("written", written.get())
                .put("millis", started == 0 ? 0 : (end - started) / 1_000_000);
        return detail == null ? p : p.put("detail", detail);
    }

    private static void reply(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }

    /** The issuance the copies are made from. */
    record Template(Account account, Order order, List<Authorization> authorizations, List<CaaCheck> caaChecks,
            CertificateRecord certificate, Precertificate precertificate) {}

    /** Reads the template: an ISSUED certificate with its precertificate, order, authorizations and account. */
    Future<Template> template(String serial) {
        var stores = storage.stores();
        return stores.certificates().bySerial(serial).compose(c -> {
            CertificateRecord cert = c.filter(r -> r.status() == CertificateStatus.ISSUED && r.orderId() != null)
                    .orElseThrow(() -> new IllegalArgumentException("no issued certificate with serial " + serial));
            return storage.precertificates().bySerial(serial).compose(p -> stores.orders().byId(cert.orderId())
                    .compose(o -> stores.authorizations().byIds(o.orElseThrow().authorizationIds())
                            .compose(authzs -> caaChecks(authzs).compose(checks -> stores.accounts()
                                    .byId(cert.accountId())
                                    .map(a -> new Template(a.orElseThrow(), o.get(), authzs, checks, cert,
                                            p.orElseThrow(() -> new IllegalArgumentException(
                                                    "certificate " + serial + " has no precertificate record"))))))));
        });
    }

    private Future<List<CaaCheck>> caaChecks(List<Authorization> authorizations) {
        List<CaaCheck> all = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Authorization a : authorizations) {
            chain = chain.compose(v -> storage.caaChecks().forAuthorization(a.id()).map(checks -> {
                all.addAll(checks);
                return null;
            }));
        }
        return chain.map(all);
    }

    /** Writes {@code n} copies of {@code template}, a batch at a time; the future completes with {@code n}. */
    Future<Integer> fill(Template template, int n) {
        BulkLoad load = storage.bulkLoad();
        List<Future<Void>> lanes = new ArrayList<>();
        int batches = (n + BATCH - 1) / BATCH;
        for (int lane = 0; lane < BATCHES_IN_FLIGHT; lane++) {
            Future<Void> chain = Future.succeededFuture();
            for (int b = lane; b < batches; b += BATCHES_IN_FLIGHT) {
                int from = b * BATCH;
                int to = Math.min(n, from + BATCH);
                // building re-encodes DER: a worker's job, never an event loop's
                chain = chain.compose(v -> vertx.executeBlocking(() -> batch(template, from, to), false))
                        .compose(load::insert)
                        .map(v -> {
                            written.addAndGet(to - from);
                            return null;
                        });
            }
            lanes.add(chain);
        }
        return Future.all(lanes).map(n);
    }

    private BulkLoad.Batch batch(Template t, int from, int to) {
        List<Account> accounts = new ArrayList<>();
        List<Authorization> authorizations = new ArrayList<>();
        List<CaaCheck> checks = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        List<CertificateRecord> certificates = new ArrayList<>();
        List<Precertificate> precertificates = new ArrayList<>();
        List<AuditEvent> audit = new ArrayList<>();
        String accountId = null;
        for (int i = from; i < to; i++) {
            if (accountId == null || i % CERTIFICATES_PER_ACCOUNT == 0) {
                Account a = account(t.account());
                accounts.add(a);
                accountId = a.id();
            }
            Copy copy = new Copy(t.account().id(), i, accountId);
            Map<String, String> authorizationIds = new LinkedHashMap<>();
            for (Authorization a : t.authorizations()) {
                Authorization made = copy.authorization(a);
                authorizationIds.put(a.id(), made.id());
                authorizations.add(made);
                Challenge valid = made.challenges().stream()
                        .filter(c -> c.status() == dev.inkan.core.model.ChallengeStatus.VALID).findFirst()
                        .orElse(made.challenges().get(0));
                audit.add(new AuditEvent("challenge.valid", "account:" + accountId, made.id(), Map.of(
                        "identifier", made.identifier().value(), "wildcard", String.valueOf(made.wildcard()),
                        "challengeType", valid.type(), "error", ""), valid.validated() == null ? made.createdAt()
                                : valid.validated()));
            }
            String orderId = RandomTokens.id();
            for (CaaCheck c : t.caaChecks()) {
                checks.add(copy.caaCheck(c, authorizationIds.getOrDefault(c.authorizationId(), c.authorizationId()),
                        orderId));
            }
            Order o = t.order();
            Order order = new Order(orderId, accountId, o.status(), o.expires(),
                    o.identifiers().stream().map(id -> new Identifier(id.type(), copy.name(id.value()))).toList(),
                    o.notBefore(), o.notAfter(),
                    o.authorizationIds().stream().map(id -> authorizationIds.getOrDefault(id, id)).toList(),
                    o.profile(), o.error(), copy.serial, o.createdAt(), o.updatedAt());
            orders.add(order);
            CertificateRecord c = t.certificate();
            List<String> names = c.dnsNames().stream().map(copy::name).toList();
            certificates.add(new CertificateRecord(copy.serial, c.issuerId(), accountId, orderId, c.status(),
                    copy.der(c.tbsDer()), copy.der(c.der()), names, c.spkiSha256(), c.notBefore(), c.notAfter(),
                    c.createdAt(), c.revokedAt(), c.revocationReason(), copy.der(c.precertificateDer())));
            Precertificate p = t.precertificate();
            precertificates.add(new Precertificate(copy.serial, p.issuerId(), orderId, p.stage(),
                    copy.der(p.precertTbsDer()), copy.der(p.precertDer()), p.scts(), copy.der(p.finalTbsDer()),
                    p.error(), p.createdAt(), p.updatedAt()));
            String joined = String.join(",", names);
            audit.add(new AuditEvent("order.finalized", "account:" + accountId, orderId, Map.of("names", joined,
                    "caProfile", String.valueOf(o.profile()), "keyThumbprint", RandomTokens.id()), o.updatedAt()));
            audit.add(new AuditEvent("precertificate.signed", SYSTEM, copy.serial, Map.of("orderId", orderId,
                    "issuerId", c.issuerId()), p.createdAt()));
            audit.add(new AuditEvent("certificate.issued", SYSTEM, copy.serial, Map.of("orderId", orderId,
                    "accountId", accountId, "issuerId", c.issuerId(), "names", joined,
                    "orderCompleted", String.valueOf(o.status() == OrderStatus.VALID)), c.createdAt()));
        }
        return new BulkLoad.Batch(accounts, authorizations, checks, orders, certificates, precertificates, audit);
    }

    /** A new account like the template's, with a key of its own (its thumbprint is unique in the store). */
    private static Account account(Account template) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            // RFC 7638: the thumbprint is over the required members in lexicographic order
            String jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(key.getW().getAffineX())
                    + "\",\"y\":\"" + coordinate(key.getW().getAffineY()) + "\"}";
            String thumbprint = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
            return new Account(RandomTokens.id(), jwk, thumbprint, template.contacts(), template.status(),
                    template.termsAgreed(), template.eabKeyId(), template.createdAt());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    /** One copy: its serial, names and account, and the template's records rewritten for them. */
    private final class Copy {
        final String serial;
        final BigInteger serialNumber;
        final int index;
        final String templateAccountId;
        final String accountId;

        Copy(String templateAccountId, int index, String accountId) {
            this.serialNumber = serials.next();
            this.serial = SerialNumbers.hex(serialNumber);
            this.index = index;
            this.templateAccountId = templateAccountId;
            this.accountId = accountId;
        }

        /** A template name made this copy's: one fresh name per copy, as the bench orders them. */
        String name(String templateName) {
            return "p" + index + "-" + templateName;
        }

        /** Every template name and the template account's id inside a text (URLs, hostnames) replaced. */
        String text(String s, List<String> names) {
            if (s == null) {
                return null;
            }
            String out = s.replace(templateAccountId, accountId);
            for (String n : names) {
                out = out.replace(n, name(n));
            }
            return out;
        }

        Authorization authorization(Authorization a) {
            List<String> names = List.of(a.identifier().value());
            List<Challenge> challenges = a.challenges().stream().map(c -> new Challenge(RandomTokens.id(), c.type(),
                    RandomTokens.challengeToken(), c.status(), c.validated(), c.error(),
                    c.records().stream().map(r -> new ValidationRecord(r.method(), r.brSection(),
                            text(r.hostname(), names), text(r.url(), names), r.addressesResolved(), r.addressUsed(),
                            r.valueSeen(), r.perspective(), r.checkedAt(), r.dnssec())).toList(),
                    text(c.target(), names), c.valueIssued())).toList();
            return new Authorization(RandomTokens.id(), accountId,
                    new Identifier(a.identifier().type(), name(a.identifier().value())), a.wildcard(), a.status(),
                    a.expires(), challenges, a.createdAt());
        }

        CaaCheck caaCheck(CaaCheck c, String authorizationId, String orderId) {
            CaaResult r = c.result();
            List<String> names = List.of(r.name());
            CaaResult result = new CaaResult(name(r.name()), r.wildcard(), r.permitted(), r.problem(),
                    text(r.relevantName(), names), r.records(),
                    r.queried().stream().map(q -> text(q, names)).toList(), r.ttl(), r.dnssec(), r.perspective(),
                    r.checkedAt(), r.remotes());
            return new CaaCheck(RandomTokens.id(), accountId, authorizationId, c.orderId() == null ? null : orderId,
                    c.trigger(), text(c.accountUri(), names), c.validationMethod(), result, c.brSection());
        }

        /** A certificate or a TBS of the template with this copy's serial and names, its other bytes unchanged. */
        byte[] der(byte[] der) {
            if (der == null) {
                return null;
            }
            try {
                ASN1Sequence outer = ASN1Sequence.getInstance(der);
                if (outer.getObjectAt(0) instanceof ASN1Sequence tbs) {
                    return new DERSequence(new ASN1Encodable[] {tbs(tbs), outer.getObjectAt(1), outer.getObjectAt(2)})
                            .getEncoded(ASN1Encoding.DER);
                }
                return tbs(outer).getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        // RFC 5280 4.1: version [0], serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, ..., extensions [3]
        private ASN1Sequence tbs(ASN1Sequence tbs) throws IOException {
            ASN1Encodable[] fields = tbs.toArray();
            fields[1] = new ASN1Integer(serialNumber);
            fields[5] = subject(X500Name.getInstance(fields[5]));
            for (int f = 7; f < fields.length; f++) {
                if (fields[f] instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    fields[f] = new DERTaggedObject(true, 3, extensions(Extensions.getInstance(tagged.getExplicitBaseObject())));
                }
            }
            return new DERSequence(fields);
        }

        private X500Name subject(X500Name subject) {
            X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
            for (RDN rdn : subject.getRDNs()) {
                var first = rdn.getFirst();
                String value = IETFUtils.valueToString(first.getValue());
                b.addRDN(first.getType(), first.getType().equals(BCStyle.CN) ? name(value) : value);
            }
            return b.build();
        }

        private Extensions extensions(Extensions extensions) throws IOException {
            List<Extension> out = new ArrayList<>();
            for (var oid : extensions.getExtensionOIDs()) {
                Extension e = extensions.getExtension(oid);
                if (oid.equals(Extension.subjectAlternativeName)) {
                    GeneralName[] names = Arrays.stream(GeneralNames.getInstance(e.getParsedValue()).getNames())
                            .map(n -> n.getTagNo() == GeneralName.dNSName
                                    ? new GeneralName(GeneralName.dNSName,
                                            new DERIA5String(name(DERIA5String.getInstance(n.getName()).getString())))
                                    : n)
                            .toArray(GeneralName[]::new);
                    out.add(new Extension(oid, e.isCritical(), new GeneralNames(names).getEncoded(ASN1Encoding.DER)));
                } else {
                    out.add(e);
                }
            }
            return new Extensions(out.toArray(Extension[]::new));
        }
    }
}
