package dev.inkan.ca.ceremony;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.hsm.HsmException;
import dev.inkan.ca.hsm.KeyAlgorithm;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.ca.profile.TbsCertificates;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token is the source of truth: a second run reuses every key, a lost store is refilled from the token. */
class CeremonyIdempotenceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static Vertx vertx;

    @TempDir
    Path exportDir;

    @BeforeAll
    static void tokens() {
        TestTokens.recreate("cer-twice", "cer-recover", "cer-orphan", "cer-mismatch");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private Ceremony ceremony(SoftHsmToken token, InMemoryCaCertificateStore store, InMemoryAuditLog audit,
            KeyAlgorithm alg, MutableClock clock) {
        return new Ceremony(vertx, token, store, audit, CeremonyConfig.sandbox(exportDir).withKeyAlgorithm(alg),
                clock);
    }

    @Test
    void testSuccess_secondRunReusesEveryKeyAndChangesNothing() {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("cer-twice"));
        InMemoryCaCertificateStore store = new InMemoryCaCertificateStore();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        MutableClock clock = new MutableClock(NOW);
        List<CaCertificate> first = Await.result(ceremony(token, store, audit, KeyAlgorithm.RSA_2048, clock).run());

        clock.advance(Duration.ofDays(3));
        List<CaCertificate> second = Await.result(ceremony(token, store, audit, KeyAlgorithm.RSA_2048, clock).run());

        assertEquals(first.stream().map(CaCertificate::spkiSha256).toList(),
                second.stream().map(CaCertificate::spkiSha256).toList());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).der(), second.get(i).der());
        }
        assertEquals(CaIds.ALL.stream().sorted().toList(), token.aliases());
        assertEquals(5, audit.events().size(), "the second run records nothing new");
    }

    @Test
    void testSuccess_emptyStoreIsRefilledFromTheToken() {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("cer-recover"));
        MutableClock clock = new MutableClock(NOW);
        List<CaCertificate> made = Await.result(ceremony(token, new InMemoryCaCertificateStore(),
                new InMemoryAuditLog(), KeyAlgorithm.EC_P256, clock).run());
        InMemoryCaCertificateStore lostDatabase = new InMemoryCaCertificateStore();
        InMemoryAuditLog audit = new InMemoryAuditLog();

        List<CaCertificate> again = Await.result(ceremony(token, lostDatabase, audit, KeyAlgorithm.EC_P256, clock)
                .run());

        assertEquals(made.size(), again.size());
        for (int i = 0; i < made.size(); i++) {
            assertArrayEquals(made.get(i).der(), again.get(i).der(), made.get(i).id());
        }
        assertEquals(5, Await.result(lostDatabase.all()).size());
        assertEquals(List.of("ceremony.root.recorded", "ceremony.dv.recorded", "ceremony.ov.recorded",
                "ceremony.ocsp-dv.recorded", "ceremony.ocsp-ov.recorded"), audit.types());
    }

    @Test
    void testFailure_tokenHoldingAnIssuingCaWithoutItsRootIsRefused() throws Exception {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("cer-orphan"));
        KeyPair kp = token.generateKeyPair(KeyAlgorithm.EC_P256);
        token.persist(CaIds.DV, kp.getPrivate(), selfSigned(token, kp));

        Throwable e = Await.failure(ceremony(token, new InMemoryCaCertificateStore(), new InMemoryAuditLog(),
                KeyAlgorithm.EC_P256, new MutableClock(NOW)).run());

        assertInstanceOf(HsmException.class, e);
        assertTrue(e.getMessage().contains("holds 'dv' but not 'root'"), e.getMessage());
        assertEquals(List.of(CaIds.DV), token.aliases(), "no new root was made");
    }

    @Test
    void testFailure_storeOfAnotherHierarchyIsRefused() {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("cer-mismatch"));
        InMemoryCaCertificateStore other = new InMemoryCaCertificateStore();
        Await.result(other.insertIfAbsent(new CaCertificate(CaIds.ROOT, "root", "CN=Other", CaIds.ROOT, CaIds.ROOT,
                new byte[] {1}, "00ff", NOW)));

        Throwable e = Await.failure(ceremony(token, other, new InMemoryAuditLog(), KeyAlgorithm.EC_P256,
                new MutableClock(NOW)).run());

        assertInstanceOf(HsmException.class, e);
        assertTrue(e.getMessage().contains("belong to different CA hierarchies"), e.getMessage());
    }

    private static X509CertificateHolder selfSigned(SoftHsmToken token, KeyPair kp) throws Exception {
        X500Name name = DistinguishedNames.parse("CN=stray");
        SignatureAlgorithm alg = SignatureAlgorithm.ECDSA_WITH_SHA256;
        TBSCertificate tbs = TbsCertificates.build(BigInteger.TWO, alg, name, NOW, NOW.plusSeconds(86400), name,
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()), List.of());
        byte[] sig = token.sign(kp.getPrivate(), tbs.getEncoded("DER"));
        return new X509CertificateHolder(Certificate.getInstance(
                new DERSequence(new ASN1Encodable[] {tbs, alg.identifier(), new DERBitString(sig)})));
    }
}
