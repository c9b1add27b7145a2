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
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.hierarchy = CaDefinition.hierarchy(config);
        this.generation = new CaKeyGeneration(token, config.keyAlgorithm(),
                new CaCertificateTemplates(config.urls(), config.cpOid()), new SerialNumbers(), clock, hierarchy);
        this.export = new PemExport(config.exportDir());
    }

    /** Makes what is missing, records every certificate, exports the PEMs; the certificates, parents first. */
    public Future<List<CaCertificate>> run() {
        Future<List<CaCertificate>> done = Future.succeededFuture(new ArrayList<>());
        for (CaDefinition def : hierarchy) {
            done = done.compose(list -> vertx.executeBlocking(() -> generation.ensure(def), false)
                    .compose(entry -> record(def, entry))
                    .map(c -> {
                        list.add(c);
                        return list;
                    }));
        }
        return done.compose(list -> vertx.executeBlocking(() -> {
            export.write(list);
            return List.copyOf(list);
        }, false));
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
