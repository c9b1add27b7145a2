package dev.inkan.ca.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The certificate the lints see: the TBS as given, with a throwaway signature of the TBS's own algorithm. */
@Timeout(60)
class PreSignLinterTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-12-01T00:00:00Z");

    /** Records what the lint saw; finds nothing. */
    private static final class Seen implements CertificateLint {
        LintedCertificate seen;

        @Override
        public String name() {
            return "seen";
        }

        @Override
        public Optional<String> check(LintedCertificate c) {
            seen = c;
            return Optional.empty();
        }
    }

    @Test
    void testSuccess_rsaAndEcdsaTbsBothParseWithATrailingSignatureOfTheirAlgorithm() throws Exception {
        for (String[] alg : new String[][] {{"RSA", "SHA256withRSA"}, {"EC", "SHA256withECDSA"}}) {
            Seen lint = new Seen();
            PreSignLinter linter = new PreSignLinter(List.of(lint));
            TBSCertificate tbs = tbs(key(alg[0]), alg[1], "www.example.jp");

            assertEquals(List.of(), linter.errors(tbs), alg[1]);
            assertTrue(java.util.Arrays.equals(tbs.getEncoded("DER"), lint.seen.tbsDer()), alg[1]);
            assertEquals(tbs.getSignature(), lint.seen.certificate().getSignatureAlgorithm(), alg[1]);
            assertFalse(lint.seen.certificate().toASN1Structure().getSignature().getOctets().length == 0, alg[1]);
        }
    }

    @Test
    void testSuccess_eachTbsIsLintedAsItselfThoughTheSignatureIsShared() throws Exception {
        Seen lint = new Seen();
        PreSignLinter linter = new PreSignLinter(List.of(lint));
        KeyPair ca = key("RSA");

        linter.errors(tbs(ca, "SHA256withRSA", "a.example.jp"));
        byte[] first = lint.seen.certificate().getEncoded();
        linter.errors(tbs(ca, "SHA256withRSA", "b.example.jp"));

        assertEquals("CN=b.example.jp", lint.seen.certificate().getSubject().toString());
        assertFalse(java.util.Arrays.equals(first, lint.seen.certificate().getEncoded()));
    }

    @Test
    void testFailure_tbsOfAnAlgorithmCaKeysDoNotSignWithIsRefusedByTheEncodingLint() throws Exception {
        PreSignLinter linter = new PreSignLinter(List.of(new EncodingLint()));

        List<String> errors = linter.errors(tbs(key("RSA"), "SHA384withRSA", "www.example.jp"));

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("der_encoding: signature algorithm"), errors.toString());
    }

    private static KeyPair key(String type) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    private static TBSCertificate tbs(KeyPair ca, String signatureAlgorithm, String name) throws Exception {
        return new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"), BigInteger.valueOf(0x1234567),
                Date.from(NOT_BEFORE), Date.from(NOT_BEFORE.plusSeconds(86_400L * 90)), new X500Name("CN=" + name),
                key("EC").getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(ca.getPrivate()))
                .toASN1Structure().getTBSCertificate();
    }
}
