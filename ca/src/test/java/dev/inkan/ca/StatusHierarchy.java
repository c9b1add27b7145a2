package dev.inkan.ca;

import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.hsm.TokenSigner;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The sandbox hierarchy (RSA 2048, as CP 002 §6.1.5) made by a real ceremony in a fresh SoftHSM token, with its
 * signer, for the CRL and OCSP tests. The PEMs are exported to {@code dir} for openssl.
 */
public record StatusHierarchy(Vertx vertx, Signer signer, List<CaCertificate> certificates, Path dir) {
    public static final Instant CEREMONY = Instant.parse("2026-11-22T00:00:00Z");

    /** Call once per test class (SoftHSM lists tokens once per process). */
    public static StatusHierarchy create(String tokenLabel, Path dir) {
        return create(tokenLabel, dir, CEREMONY);
    }

    /** The same hierarchy made at another instant. */
    public static StatusHierarchy create(String tokenLabel, Path dir, Instant ceremony) {
        TestTokens.recreate(tokenLabel);
        Vertx vertx = Vertx.vertx();
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config(tokenLabel));
        List<CaCertificate> cas = Await.result(new Ceremony(vertx, token, new InMemoryCaCertificateStore(),
                new InMemoryAuditLog(), CeremonyConfig.sandbox(dir), new MutableClock(ceremony)).run());
        Signer signer = Await.result(TokenSigner.load(vertx, token, CaIds.ALL));
        return new StatusHierarchy(vertx, signer, cas, dir);
    }

    public CaCertificate certificate(String id) {
        return certificates.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    public void close() {
        Await.result(vertx.close());
    }
}
