package dev.inkan.ca.ceremony;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.InMemoryAuditLog;
import dev.inkan.ca.InMemoryCaCertificateStore;
import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.TestTokens;
import dev.inkan.ca.hsm.SoftHsmToken;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One RSA ceremony, read by every test: the profiles of CP 002 tables 7.1.2 and 7.3.1 as BR §7.1.2 amends them. */
class CeremonyProfileTest {
    private static final String LABEL = "cer-rsa";
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final String CP = CeremonyConfig.DEFAULT_CP_OID;
    private static final String BASE = CeremonyConfig.DEFAULT_BASE_URL;

    @TempDir
    static Path exportDir;

    private static Vertx vertx;
    private static final InMemoryCaCertificateStore store = new InMemoryCaCertificateStore();
    private static final InMemoryAuditLog audit = new InMemoryAuditLog();
    private static Map<String, CaCertificate> result;

    @BeforeAll
    static void ceremony() {
        TestTokens.recreate(LABEL);
        vertx = Vertx.vertx();
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config(LABEL));
        List<CaCertificate> certs = Await.result(new Ceremony(vertx, token, store, audit,
                CeremonyConfig.sandbox(exportDir), new MutableClock(NOW)).run());
        result = certs.stream().collect(Collectors.toMap(CaCertificate::id, c -> c));
    }

    @AfterAll
    static void close() {
        Await.result(vertx.close());
    }

    private static X509CertificateHolder cert(String id) throws Exception {
        return new X509CertificateHolder(result.get(id).der());
    }

    private static String verify(String root, String intermediate, String leaf) {
        return Openssl.verify(exportDir.resolve(root), intermediate == null ? null : exportDir.resolve(intermediate),
                exportDir.resolve(leaf), NOW.plusSeconds(60), null);
    }

    @Test
    void testSuccess_issuingCasVerifyAgainstTheRootWithOpenssl() {
        assertEquals(exportDir.resolve("dv.pem") + ": OK", verify("root.pem", "dv.pem", "dv.pem"));
        assertEquals(exportDir.resolve("ov.pem") + ": OK", verify("root.pem", "ov.pem", "ov.pem"));
    }

    @Test
    void testSuccess_ocspRespondersVerifyAgainstTheirIssuingCaWithOpenssl() {
        assertEquals(exportDir.resolve("ocsp-dv.pem") + ": OK", verify("root.pem", "dv.pem", "ocsp-dv.pem"));
        assertEquals(exportDir.resolve("ocsp-ov.pem") + ": OK", verify("root.pem", "ov.pem", "ocsp-ov.pem"));
    }

    @Test
    void testSuccess_pemFilesAreExported() throws Exception {
        for (String f : List.of("root.pem", "dv.pem", "ov.pem", "ocsp-dv.pem", "ocsp-ov.pem", "dv-chain.pem",
                "ov-chain.pem")) {
            assertTrue(Files.readString(exportDir.resolve(f)).startsWith("-----BEGIN CERTIFICATE-----\n"), f);
        }
        assertEquals(exportDir.resolve("dv-chain.pem") + ": OK", verify("root.pem", null, "dv-chain.pem"));
        try (var files = Files.list(exportDir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void testSuccess_rootProfile() throws Exception {
        X509CertificateHolder root = cert(CaIds.ROOT);
        assertEquals(root.getSubject(), root.getIssuer());
        assertEquals("CN=Inkan Sandbox Root CA - NOT PUBLICLY TRUSTED,O=Inkan Sandbox,C=JP",
                result.get(CaIds.ROOT).subjectDn());
        assertCa(root, null);
        assertNull(root.getExtension(Extension.extendedKeyUsage));
        assertNull(root.getExtension(Extension.authorityKeyIdentifier));
        assertNull(root.getExtension(Extension.certificatePolicies));
        assertEquals(Duration.ofDays(5479), validity(root));
    }

    @Test
    void testSuccess_dvIssuingCaProfile() throws Exception {
        assertIssuingCa(cert(CaIds.DV), "2.23.140.1.2.1");
    }

    @Test
    void testSuccess_ovIssuingCaProfile() throws Exception {
        assertIssuingCa(cert(CaIds.OV), "2.23.140.1.2.2");
    }

    @Test
    void testSuccess_ocspResponderProfile() throws Exception {
        for (String id : List.of(CaIds.OCSP_DV, CaIds.OCSP_OV)) {
            X509CertificateHolder r = cert(id);
            X509CertificateHolder issuer = cert(id.substring("ocsp-".length()));
            assertEquals(issuer.getSubject(), r.getIssuer());
            Extension ku = r.getExtension(Extension.keyUsage);
            assertTrue(ku.isCritical());
            assertEquals(new KeyUsage(KeyUsage.digitalSignature), KeyUsage.getInstance(ku.getParsedValue()));
            Extension eku = r.getExtension(Extension.extendedKeyUsage);
            assertFalse(eku.isCritical());
            assertArrayEquals(new KeyPurposeId[] {KeyPurposeId.id_kp_OCSPSigning},
                    ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages());
            Extension nocheck = r.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
            assertFalse(nocheck.isCritical());
            assertEquals(DERNull.INSTANCE, nocheck.getParsedValue());
            assertArrayEquals(ski(issuer), aki(r));
            assertNull(r.getExtension(Extension.basicConstraints));
            assertEquals(List.of(CP), policies(r));
            assertTrue(r.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                    .build(issuer)));
            assertEquals(Duration.ofDays(90), validity(r));
        }
    }

    @Test
    void testSuccess_serialsArePositiveRandomAndAtMost16Bytes() throws Exception {
        for (String id : CaIds.ALL) {
            var serial = cert(id).getSerialNumber();
            assertEquals(1, serial.signum(), id);
            assertTrue(serial.bitLength() <= 127, id);
        }
    }

    @Test
    void testSuccess_everyCertificateIsRecordedAndAudited() {
        List<CaCertificate> stored = Await.result(store.all());
        assertEquals(5, stored.size());
        for (CaCertificate c : stored) {
            assertArrayEquals(result.get(c.id()).der(), c.der());
            assertEquals(c.id(), c.keyAlias());
        }
        assertEquals(List.of("ceremony.root.created", "ceremony.dv.created", "ceremony.ov.created",
                "ceremony.ocsp-dv.created", "ceremony.ocsp-ov.created"), audit.types());
        assertEquals("root", result.get(CaIds.DV).issuerId());
        assertEquals("issuing", result.get(CaIds.DV).role());
        assertEquals("ocsp", result.get(CaIds.OCSP_OV).role());
    }

    @Test
    void testSuccess_caCertificatesAreSignedWithSha256WithRsa() throws Exception {
        for (String id : CaIds.ALL) {
            assertEquals("300d06092a864886f70d01010b0500",
                    java.util.HexFormat.of().formatHex(cert(id).getSignatureAlgorithm().getEncoded()), id);
        }
    }

    private static void assertIssuingCa(X509CertificateHolder ca, String reservedOid) throws Exception {
        X509CertificateHolder root = cert(CaIds.ROOT);
        String id = reservedOid.endsWith("1") ? "dv" : "ov";
        assertEquals(root.getSubject(), ca.getIssuer());
        assertCa(ca, 0);
        Extension eku = ca.getExtension(Extension.extendedKeyUsage);
        assertFalse(eku.isCritical());
        assertArrayEquals(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
                ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages());
        assertArrayEquals(ski(root), aki(ca));
        assertEquals(List.of(reservedOid, CP), policies(ca));
        assertEquals(List.of(BASE + "/crl/root.crl"), crlUrls(ca));
        // issue 14 finding 6: the root runs no OCSP responder, so no root OCSP URL is named
        assertEquals(Map.of("caIssuers", BASE + "/ca/root.der"), aia(ca));
        assertEquals(Duration.ofDays(1095), validity(ca));
        assertTrue(result.get(id).subjectDn().contains("NOT PUBLICLY TRUSTED"));
    }

    private static void assertCa(X509CertificateHolder ca, Integer pathLen) {
        Extension bc = ca.getExtension(Extension.basicConstraints);
        assertTrue(bc.isCritical());
        BasicConstraints constraints = BasicConstraints.getInstance(bc.getParsedValue());
        assertTrue(constraints.isCA());
        assertEquals(pathLen == null ? null : java.math.BigInteger.valueOf(pathLen),
                constraints.getPathLenConstraint());
        Extension ku = ca.getExtension(Extension.keyUsage);
        assertTrue(ku.isCritical());
        assertEquals(new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign), KeyUsage.getInstance(ku.getParsedValue()));
        assertArrayEquals(KeyIdentifiers.subjectKeyIdentifier(ca.getSubjectPublicKeyInfo()), ski(ca));
    }

    static Duration validity(X509CertificateHolder c) {
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).plusSeconds(1);
    }

    static byte[] ski(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.subjectKeyIdentifier);
        assertFalse(e.isCritical());
        return SubjectKeyIdentifier.getInstance(e.getParsedValue()).getKeyIdentifier();
    }

    static byte[] aki(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.authorityKeyIdentifier);
        assertFalse(e.isCritical());
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(e.getParsedValue());
        assertNull(aki.getAuthorityCertIssuer());
        assertNull(aki.getAuthorityCertSerialNumber());
        return aki.getKeyIdentifierObject().getOctets();
    }

    static List<String> policies(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.certificatePolicies);
        assertFalse(e.isCritical());
        return Arrays.stream(CertificatePolicies.getInstance(e.getParsedValue()).getPolicyInformation())
                .peek(p -> assertNull(p.getPolicyQualifiers()))
                .map(PolicyInformation::getPolicyIdentifier)
                .map(ASN1ObjectIdentifier::getId)
                .toList();
    }

    static List<String> crlUrls(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.cRLDistributionPoints);
        assertFalse(e.isCritical());
        return Arrays.stream(CRLDistPoint.getInstance(e.getParsedValue()).getDistributionPoints())
                .peek(dp -> assertNull(dp.getReasons()))
                .peek(dp -> assertNull(dp.getCRLIssuer()))
                .flatMap(dp -> Arrays.stream(GeneralNames.getInstance(dp.getDistributionPoint().getName()).getNames()))
                .map(n -> n.getName().toString())
                .toList();
    }

    static Map<String, String> aia(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.authorityInfoAccess);
        assertNotNull(e);
        assertFalse(e.isCritical());
        return Arrays.stream(AuthorityInformationAccess.getInstance(e.getParsedValue()).getAccessDescriptions())
                .peek(d -> assertEquals(GeneralName.uniformResourceIdentifier, d.getAccessLocation().getTagNo()))
                .collect(Collectors.toMap(
                        d -> d.getAccessMethod().equals(AccessDescription.id_ad_ocsp) ? "ocsp" : "caIssuers",
                        d -> d.getAccessLocation().getName().toString()));
    }
}
