package dev.inkan.ca.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.hsm.KeyAlgorithm;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcCeremonyTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static Vertx vertx;

    @TempDir
    Path exportDir;

    @BeforeAll
    static void token() {
        TestTokens.recreate("cer-ec");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    @Test
    void testSuccess_p256HierarchyIsSignedWithEcdsaAndVerifiesWithOpenssl() throws Exception {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("cer-ec"));
        List<CaCertificate> certs = Await.result(new Ceremony(vertx, token, new InMemoryCaCertificateStore(),
                new InMemoryAuditLog(), CeremonyConfig.sandbox(exportDir).withKeyAlgorithm(KeyAlgorithm.EC_P256),
                new MutableClock(NOW)).run());

        for (CaCertificate c : certs) {
            X509CertificateHolder h = new X509CertificateHolder(c.der());
            // BR §7.1.3.2.2: ecdsa-with-SHA256, parameters absent
            assertEquals("300a06082a8648ce3d040302", HexFormat.of().formatHex(h.getSignatureAlgorithm().getEncoded()));
            assertEquals("301306072a8648ce3d020106082a8648ce3d030107",
                    HexFormat.of().formatHex(h.getSubjectPublicKeyInfo().getAlgorithm().getEncoded()));
        }
        Instant at = NOW.plusSeconds(60);
        Path root = exportDir.resolve("root.pem");
        for (String id : List.of(CaIds.DV, CaIds.OV)) {
            Path ca = exportDir.resolve(id + ".pem");
            Path responder = exportDir.resolve("ocsp-" + id + ".pem");
            assertEquals(ca + ": OK", Openssl.verify(root, ca, ca, at, null));
            assertEquals(responder + ": OK", Openssl.verify(root, ca, responder, at, null));
        }
    }
}
