package dev.inkan.ca.lint;

import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * BR 4.3.1.2: every TBSCertificate is linted before the HSM signs it. The TBS is made a certificate with a throwaway
 * signature that chains to nothing, parsed back (by Bouncy Castle and by the JDK), and checked by every lint; one
 * error refuses the signature.
 *
 * <p>The throwaway signature is made once per algorithm, by a software key of the algorithm, over fixed bytes: no lint
 * reads the signature value, only its algorithm and the TBS, and the certificate has the shape a real one has (an
 * RSA-2048 signature's 256 bytes, an ECDSA DER value). Signing each TBS anew cost an RSA-2048 private-key operation,
 * about 0.9 ms, twice per certificate (docs/performance.md).
 */
public final class PreSignLinter {
    private final List<CertificateLint> lints;
    private final Map<SignatureAlgorithm, byte[]> throwawaySignatures;

    public PreSignLinter(List<CertificateLint> lints) {
        this.lints = List.copyOf(lints);
        try {
            KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
            r.initialize(2048);
            KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
            e.initialize(new ECGenParameterSpec("secp256r1"));
            Map<SignatureAlgorithm, byte[]> signatures = new EnumMap<>(SignatureAlgorithm.class);
            signatures.put(SignatureAlgorithm.SHA256_WITH_RSA,
                    throwawaySignature(SignatureAlgorithm.SHA256_WITH_RSA, r.generateKeyPair()));
            signatures.put(SignatureAlgorithm.ECDSA_WITH_SHA256,
                    throwawaySignature(SignatureAlgorithm.ECDSA_WITH_SHA256, e.generateKeyPair()));
            this.throwawaySignatures = Map.copyOf(signatures);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK makes RSA and P-256 keys", e);
        }
    }

    private static byte[] throwawaySignature(SignatureAlgorithm alg, KeyPair key) throws GeneralSecurityException {
        Signature s = Signature.getInstance(alg.jcaName());
        s.initSign(key.getPrivate());
        s.update("a throwaway signature: this certificate is only linted".getBytes(StandardCharsets.US_ASCII));
        return s.sign();
    }

    /** Every lint of the subscriber profile. */
    public static PreSignLinter subscriber() {
        return new PreSignLinter(SubscriberLints.all());
    }

    /** The lints' names, in the order they run. */
    public List<String> names() {
        return lints.stream().map(CertificateLint::name).toList();
    }

    /** Passes, or throws CaException(SERVER_INTERNAL) naming each failed lint: nothing may be signed then. */
    public void check(TBSCertificate tbs) {
        List<String> errors = errors(tbs);
        if (!errors.isEmpty()) {
            throw refusal(errors);
        }
    }

    /** The problem a lint refusal records on the order. */
    public static CaException refusal(List<String> errors) {
        return new CaException(ErrorKind.SERVER_INTERNAL,
                "the certificate failed pre-issuance linting and was not signed: " + String.join("; ", errors));
    }

    /** "name: what is wrong" for each failed lint; empty when the TBS passes. */
    public List<String> errors(TBSCertificate tbs) {
        LintedCertificate c;
        try {
            c = throwawaySigned(tbs);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return List.of("parse: the TBSCertificate signed with a throwaway key does not parse: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        for (CertificateLint lint : lints) {
            Optional<String> error;
            try {
                error = lint.check(c);
            } catch (RuntimeException e) {
                error = Optional.of("the certificate could not be checked: " + e);
            }
            error.ifPresent(e -> errors.add(lint.name() + ": " + e));
        }
        return errors;
    }

    private LintedCertificate throwawaySigned(TBSCertificate tbs) throws GeneralSecurityException, IOException {
        byte[] tbsDer = tbs.getEncoded(ASN1Encoding.DER);
        SignatureAlgorithm alg = java.util.Arrays.stream(SignatureAlgorithm.values())
                .filter(a -> a.identifier().equals(tbs.getSignature()))
                .findFirst()
                .orElse(SignatureAlgorithm.SHA256_WITH_RSA);
        byte[] der = new DERSequence(new ASN1Encodable[] {tbs, tbs.getSignature(),
                        new DERBitString(throwawaySignatures.get(alg))})
                .getEncoded(ASN1Encoding.DER);
        // The JDK's parser is stricter than Bouncy Castle's in places; both must accept the certificate
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        return new LintedCertificate(new X509CertificateHolder(Certificate.getInstance(der)), tbsDer);
    }
}
