package dev.inkan.ca.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.ceremony.Ceremony;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V2TBSCertListGenerator;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static Vertx vertx;
    private static TokenSigner signer;
    private static List<CaCertificate> certs;

    @TempDir
    static Path dir;

    @BeforeAll
    static void hierarchy() {
        TestTokens.recreate("signer");
        vertx = Vertx.vertx();
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config("signer"));
        certs = Await.result(new Ceremony(vertx, token, new InMemoryCaCertificateStore(), new InMemoryAuditLog(),
                CeremonyConfig.sandbox(dir).withKeyAlgorithm(KeyAlgorithm.EC_P256), new MutableClock(NOW)).run());
        signer = Await.result(TokenSigner.load(vertx, token, CaIds.ALL));
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private static X509CertificateHolder cert(String id) throws Exception {
        return new X509CertificateHolder(certs.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().der());
    }

    @Test
    void testSuccess_crlSignedByIssuingCaVerifiesWithOpenssl() throws Exception {
        X509CertificateHolder dv = cert(CaIds.DV);
        V2TBSCertListGenerator g = new V2TBSCertListGenerator();
        g.setSignature(signer.signatureAlgorithm(CaIds.DV).identifier());
        g.setIssuer(X500Name.getInstance(dv.toASN1Structure().getTBSCertificate().getSubject()));
        g.setThisUpdate(new Time(Date.from(NOW)));
        g.setNextUpdate(new Time(Date.from(NOW.plusSeconds(96 * 3600))));
        g.addCRLEntry(new ASN1Integer(BigInteger.valueOf(0x1234)), new Time(Date.from(NOW)), null);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.cRLNumber, false, new ASN1Integer(1));
        g.setExtensions(ext.generate());
        TBSCertList tbs = g.generateTBSCertList();

        X509CRLHolder crl = Await.result(signer.signCrl(CaIds.DV, tbs));

        assertTrue(crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(dv)));
        Path pem = dir.resolve("dv.crl.pem");
        Files.writeString(pem, "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder().encodeToString(crl.getEncoded()) + "\n-----END X509 CRL-----\n");
        String out = Openssl.run(List.of("openssl", "crl", "-in", pem.toString(), "-CAfile",
                dir.resolve("dv.pem").toString(), "-noout"));
        assertEquals("verify OK", out);
    }

    @Test
    void testSuccess_ocspResponseVerifiesWithTheResponderCertificate() throws Exception {
        X509CertificateHolder responder = cert(CaIds.OCSP_DV);
        X509CertificateHolder dv = cert(CaIds.DV);
        // RFC 6960 §4.1.1: the issuer's name and key hashes, by which relying parties match a delegated responder
        java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        CertID id = new CertID(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE),
                new DEROctetString(sha1.digest(dv.getSubject().getEncoded("DER"))),
                new DEROctetString(KeyIdentifiers.subjectKeyIdentifier(dv.getSubjectPublicKeyInfo())),
                new ASN1Integer(42));
        SingleResponse single = new SingleResponse(id, new CertStatus(),
                new ASN1GeneralizedTime(Date.from(NOW)), new ASN1GeneralizedTime(Date.from(NOW.plusSeconds(86400))),
                (org.bouncycastle.asn1.x509.Extensions) null);
        ResponseData data = new ResponseData(
                new ResponderID(new DEROctetString(
                        KeyIdentifiers.subjectKeyIdentifier(responder.getSubjectPublicKeyInfo()))),
                new ASN1GeneralizedTime(Date.from(NOW)), new DERSequence(single),
                (org.bouncycastle.asn1.x509.Extensions) null);

        BasicOCSPResponse basic = Await.result(signer.signOcspResponse(CaIds.OCSP_DV, data, List.of(responder)));

        BasicOCSPResp resp = new BasicOCSPResp(basic);
        assertTrue(resp.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder)));
        Path der = dir.resolve("resp.der");
        Files.write(der, new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(basic.getEncoded())))
                .getEncoded());
        String out = Openssl.run(List.of("openssl", "ocsp", "-respin", der.toString(), "-CAfile",
                dir.resolve("root.pem").toString(), "-verify_other", dir.resolve("dv.pem").toString(),
                "-attime", Long.toString(NOW.plusSeconds(60).getEpochSecond())));
        assertTrue(out.contains("Response verify OK"), out);
    }

    @Test
    void testFailure_tbsNamingAnotherAlgorithmIsRefused() throws Exception {
        X509CertificateHolder dv = cert(CaIds.DV);
        V2TBSCertListGenerator g = new V2TBSCertListGenerator();
        g.setSignature(SignatureAlgorithm.SHA256_WITH_RSA.identifier());
        g.setIssuer(dv.getSubject());
        g.setThisUpdate(new Time(Date.from(NOW)));

        Throwable e = Await.failure(signer.signCrl(CaIds.DV, g.generateTBSCertList()));

        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("signs with 1.2.840.10045.4.3.2"), e.getMessage());
    }

    @Test
    void testFailure_unknownCaIdIsRefused() {
        Throwable e = Await.failure(signer.sign("nope", new byte[] {1}));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("no CA key 'nope'"), e.getMessage());
    }
}
