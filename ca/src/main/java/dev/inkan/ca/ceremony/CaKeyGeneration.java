package dev.inkan.ca.ceremony;

import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.SerialNumbers;
import dev.inkan.ca.SignatureAlgorithm;
import dev.inkan.ca.hsm.HsmException;
import dev.inkan.ca.hsm.KeyAlgorithm;
import dev.inkan.ca.hsm.SoftHsmToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the ceremony, in the token (blocking): reuse the key and certificate under the alias when the token
 * holds them, otherwise generate the key inside the token, have the issuer's key sign its certificate, check the
 * signature in software and store key and certificate as token objects. An existing key is never replaced.
 */
final class CaKeyGeneration {
    private static final Logger log = LoggerFactory.getLogger(CaKeyGeneration.class);

    /** What the token holds for one alias after the step, and whether this run made it. */
    record TokenEntry(X509CertificateHolder certificate, boolean created) {}

    private final SoftHsmToken token;
    private final KeyAlgorithm keyAlgorithm;
    private final CaCertificateTemplates templates;
    private final SerialNumbers serials;
    private final Clock clock;
    private final List<CaDefinition> hierarchy;

    CaKeyGeneration(SoftHsmToken token, KeyAlgorithm keyAlgorithm, CaCertificateTemplates templates,
            SerialNumbers serials, Clock clock, List<CaDefinition> hierarchy) {
        this.token = token;
        this.keyAlgorithm = keyAlgorithm;
        this.templates = templates;
        this.serials = serials;
        this.clock = clock;
        this.hierarchy = hierarchy;
    }

    TokenEntry ensure(CaDefinition def) {
        X509CertificateHolder issuer = def.selfSigned() ? null : issuerCertificate(def);
        if (token.hasKey(def.id())) {
            X509CertificateHolder existing = token.certificate(def.id()).orElseThrow();
            verify(existing, issuer == null ? existing : issuer, def);
            log.info("token already holds '{}' ({}); reusing it", def.id(),
                    DistinguishedNames.format(existing.getSubject()));
            return new TokenEntry(existing, false);
        }
        refuseOrphans(def);
        return new TokenEntry(create(def, issuer), true);
    }

    private X509CertificateHolder create(CaDefinition def, X509CertificateHolder issuer) {
        KeyPair keys = token.generateKeyPair(keyAlgorithm);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        SignatureAlgorithm alg = def.selfSigned()
                ? SignatureAlgorithm.forKey(keys.getPrivate())
                : token.signatureAlgorithm(def.issuerId());
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(def.validity()).minusSeconds(1);
        if (issuer != null && notAfter.isAfter(issuer.getNotAfter().toInstant())) {
            // RFC 5280 path validation: a certificate outliving its issuer is useless past the issuer's end
            notAfter = issuer.getNotAfter().toInstant();
        }
        TBSCertificate tbs = templates.tbs(def, serials.next(), alg, issuer, spki, notBefore, notAfter);
        byte[] tbsDer = der(tbs);
        byte[] signature = def.selfSigned()
                ? token.sign(keys.getPrivate(), tbsDer)
                : token.sign(def.issuerId(), tbsDer);
        X509CertificateHolder cert = new X509CertificateHolder(Certificate.getInstance(
                new DERSequence(new ASN1Encodable[] {tbs, alg.identifier(), new DERBitString(signature)})));
        verify(cert, issuer == null ? cert : issuer, def);
        token.persist(def.id(), keys.getPrivate(), cert);
        log.info("generated key '{}' in the token and certified it: {}", def.id(),
                DistinguishedNames.format(cert.getSubject()));
        return cert;
    }

    private X509CertificateHolder issuerCertificate(CaDefinition def) {
        return token.certificate(def.issuerId()).orElseThrow(() -> new HsmException("token '" + token.label()
                + "' has no certificate for '" + def.issuerId() + "', which signs '" + def.id() + "'"));
    }

    /** A missing key whose children exist means the token lost a parent: making a new one would split the tree. */
    private void refuseOrphans(CaDefinition def) {
        for (CaDefinition child : hierarchy) {
            if (!child.selfSigned() && child.issuerId().equals(def.id()) && token.hasKey(child.id())) {
                throw new HsmException("token '" + token.label() + "' holds '" + child.id() + "' but not '"
                        + def.id() + "', which signed it; restore '" + def.id() + "' or start a new token");
            }
        }
    }

    private static void verify(X509CertificateHolder cert, X509CertificateHolder issuer, CaDefinition def) {
        try {
            if (!cert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
                throw new HsmException("certificate '" + def.id() + "' in the token is not signed by '"
                        + def.issuerId() + "'");
            }
        } catch (CertException | OperatorCreationException | CertificateException e) {
            throw new HsmException("cannot verify certificate '" + def.id() + "': " + e.getMessage(), e);
        }
    }

    private static byte[] der(TBSCertificate tbs) {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
