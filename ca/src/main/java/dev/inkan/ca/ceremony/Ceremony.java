package dev.inkan.ca.ceremony;

import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.SerialNumbers;
import dev.inkan.ca.hsm.HsmException;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.CaCertificateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.time.Instant;
import dev.inkan.ca.CaIds;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The key ceremony (CP 002 §6.1.1): a root, a DV and an OV issuing CA and a delegated OCSP responder for each
 * issuing CA, keys generated in the HSM token and certificates signed there.
 *
 * <p>Idempotent and crash-safe, with the token as the source of truth: for each certificate, a key the token
 * already holds (with its certificate) is reused, and only what is missing is generated. A crash between
 * generating a key and storing it leaves nothing behind (the new key is a session object until it is stored with
 * its certificate); a crash after that is repaired by the next run, which records what the token holds. Run one
 * ceremony at a time per token.
 */
public final class Ceremony {
    private static final String ACTOR = "system";

    private final Vertx vertx;
    private final SoftHsmToken token;
    private final CaCertificateStore store;
    private final AuditLog audit;
    private final CeremonyConfig config;
    private final Clock clock;
    private final List<CaDefinition> hierarchy;
    private final CaKeyGeneration generation;
    private final PemExport export;

    public Ceremony(Vertx vertx, SoftHsmToken token, CaCertificateStore store, AuditLog audit,
            CeremonyConfig config, Clock clock) {
        this.vertx = vertx;
        this.token = token;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.hierarchy = CaDefinition.hierarchy(config);
        this.generation = new CaKeyGeneration(token, config.keyAlgorithm(),
                new CaCertificateTemplates(config.urls(), config.cpOid()), new SerialNumbers(), clock, hierarchy);
        this.export = new PemExport(config.exportDir());
    }

    /**
     * Makes what is missing, records every certificate, exports the PEMs; the certificates, parents first, then the
     * later generations of the OCSP responders (see {@link #rotateResponder}) the token holds.
     */
    public Future<List<CaCertificate>> run() {
        Future<List<CaCertificate>> done = ensureAll(Future.succeededFuture(new ArrayList<>()), hierarchy);
        // the token is listed on a worker: no HSM call on an event loop
        done = done.compose(list -> vertx.executeBlocking(this::laterResponders, false)
                .compose(later -> ensureAll(Future.succeededFuture(list), later)));
        return done.compose(list -> vertx.executeBlocking(() -> {
            export.write(list);
            return List.copyOf(list);
        }, false));
    }

    /**
     * Rotates the delegated responder of an issuing CA (CP 002 table 7.3.1: short-lived responder certificates): when
     * its newest certificate ends within {@code renewBefore}, or when forced, a new key is generated in the token and
     * certified by the issuing CA for the configured responder validity from now, under the next generation's alias
     * ({@code ocsp-dv.2}, ...). The old certificate stays valid until its own end, so the two overlap and answers
     * signed by either verify. Recorded in the store and the audit log; the new certificate, or empty when none was
     * due.
     */
    public Future<Optional<CaCertificate>> rotateResponder(String issuingCaId, boolean force, Duration renewBefore) {
        CaDefinition base = hierarchy.stream()
                .filter(d -> d.role().equals(CaDefinition.OCSP) && d.issuerId().equals(issuingCaId)).findFirst()
                .orElse(null);
        if (base == null) {
            return Future.failedFuture(new IllegalArgumentException("'" + issuingCaId + "' is not an issuing CA"));
        }
        return vertx.executeBlocking(() -> {
            int newest = newestGeneration(issuingCaId);
            X509CertificateHolder current = token.certificate(CaIds.responderGeneration(issuingCaId, newest))
                    .orElseThrow(() -> new HsmException("the token has no responder for '" + issuingCaId
                            + "'; run the ceremony first"));
            Instant renewAt = current.getNotAfter().toInstant().minus(renewBefore);
            if (!force && clock.instant().isBefore(renewAt)) {
                return Optional.<CaDefinition>empty();
            }
            return Optional.of(base.generation(CaIds.responderGeneration(issuingCaId, newest + 1)));
        }, false).compose(next -> {
            if (next.isEmpty()) {
                return Future.succeededFuture(Optional.<CaCertificate>empty());
            }
            CaDefinition def = next.get();
            return vertx.executeBlocking(() -> generation.ensure(def), false)
                    .compose(entry -> record(def, entry))
                    .compose(c -> vertx.executeBlocking(() -> {
                        export.write(List.of(c));
                        return Optional.of(c);
                    }, false));
        });
    }

    private Future<List<CaCertificate>> ensureAll(Future<List<CaCertificate>> done, List<CaDefinition> defs) {
        for (CaDefinition def : defs) {
            done = done.compose(list -> vertx.executeBlocking(() -> generation.ensure(def), false)
                    .compose(entry -> record(def, entry))
                    .map(c -> {
                        list.add(c);
                        return list;
                    }));
        }
        return done;
    }

    /** The responder generations after the ceremony's own, as the token holds them (blocking). */
    private List<CaDefinition> laterResponders() {
        List<CaDefinition> later = new ArrayList<>();
        for (CaDefinition def : hierarchy) {
            if (!def.role().equals(CaDefinition.OCSP)) {
                continue;
            }
            List<String> aliases = token.aliases();
            for (int n = 2; aliases.contains(CaIds.responderGeneration(def.issuerId(), n)); n++) {
                later.add(def.generation(CaIds.responderGeneration(def.issuerId(), n)));
            }
        }
        return later;
    }

    private int newestGeneration(String issuingCaId) {
        return token.aliases().stream().mapToInt(a -> CaIds.generationOf(a, issuingCaId)).max().orElse(1);
    }

    private Future<CaCertificate> record(CaDefinition def, CaKeyGeneration.TokenEntry entry) {
        CaCertificate fromToken = toCaCertificate(def, entry.certificate());
        return store.byId(def.id()).compose(existing -> {
            if (existing.isPresent()) {
                return sameKey(existing.get(), fromToken);
            }
            return store.insertIfAbsent(fromToken)
                    .compose(stored -> sameKey(stored, fromToken))
                    .compose(stored -> audit.record(event(def, stored, entry.created())).map(stored));
        });
    }

    /** The store and the token must describe one hierarchy; a mismatch means they belong to different CAs. */
    private static Future<CaCertificate> sameKey(CaCertificate stored, CaCertificate fromToken) {
        if (!stored.spkiSha256().equals(fromToken.spkiSha256())) {
            return Future.failedFuture(new HsmException("the store holds CA certificate '" + stored.id()
                    + "' for key " + stored.spkiSha256() + " but the token's key is " + fromToken.spkiSha256()
                    + "; the database and the token belong to different CA hierarchies"));
        }
        return Future.succeededFuture(stored);
    }

    private AuditEvent event(CaDefinition def, CaCertificate c, boolean created) {
        // created: this run generated the key; recorded: an earlier run made it but stopped before the store
        String type = "ceremony." + def.id() + (created ? ".created" : ".recorded");
        X509CertificateHolder holder = holder(c.der());
        return new AuditEvent(type, ACTOR, c.id(), Map.of(
                "subject", c.subjectDn(),
                "issuer", c.issuerId(),
                "keyAlias", c.keyAlias(),
                "serial", SerialNumbers.hex(holder.getSerialNumber()),
                "spkiSha256", c.spkiSha256(),
                "signatureAlgorithm", holder.getSignatureAlgorithm().getAlgorithm().getId(),
                "notAfter", holder.getNotAfter().toInstant().toString()), clock.instant());
    }

    private static CaCertificate toCaCertificate(CaDefinition def, X509CertificateHolder cert) {
        try {
            // createdAt is the certificate's notBefore, so every run records the same values
            return new CaCertificate(def.id(), def.role(), DistinguishedNames.format(cert.getSubject()), def.id(),
                    def.issuerId(), cert.getEncoded(), KeyIdentifiers.spkiSha256(cert.getSubjectPublicKeyInfo()),
                    cert.getNotBefore().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
