package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.SubscriberKeyPolicy;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The finalize CSR (RFC 8555 §7.4): well-formed, signed by its own key with a current hash, an accepted
 * key, and names (SAN dNSNames and the common name) exactly the order's identifiers. Every refusal is
 * {@code badCSR} saying what to fix.
 */
public final class CsrPolicy {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    private final SubscriberKeyPolicy keys;

    public CsrPolicy(SubscriberKeyPolicy keys) {
        this.keys = keys;
    }

    /** Checks the CSR against the order's identifiers (lowercased, with any {@code *.}). */
    public CertificateRequest check(byte[] der, List<Identifier> orderIdentifiers) {
        PKCS10CertificationRequest csr = parse(der);
        requireCurrentHash(csr);
        PublicKey key = keys.check(subjectPublicKeyInfo(csr), SubscriberKeyPolicy.Use.CERTIFICATE);
        requireProofOfPossession(csr);
        String commonName = commonName(csr);
        Set<String> names = new TreeSet<>(sanDnsNames(csr));
        if (commonName != null) {
            names.add(commonName);
        }
        requireSameNames(names, orderIdentifiers);
        return new CertificateRequest(encoded(csr), key, cnFirst(commonName, names), JwkThumbprint.of(key));
    }

    private static PKCS10CertificationRequest parse(byte[] der) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            csr.getSubjectPublicKeyInfo().getAlgorithm(); // touch the parts a truncated structure lacks
            return csr;
        } catch (IOException | RuntimeException e) {
            throw bad("could not parse CSR: it must be a DER PKCS#10 request, base64url-encoded");
        }
    }

    private static byte[] subjectPublicKeyInfo(PKCS10CertificationRequest csr) {
        try {
            return csr.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw bad("the CSR's public key cannot be encoded");
        }
    }

    private static void requireCurrentHash(PKCS10CertificationRequest csr) {
        ASN1ObjectIdentifier alg = csr.getSignatureAlgorithm().getAlgorithm();
        if (!SIGNATURE_ALGORITHMS.contains(alg)) {
            throw bad("the CSR is signed with algorithm " + alg.getId() + "; sign it with SHA-256 or stronger");
        }
    }

    /** RFC 2986 §3: the request is signed with the private key of the public key it carries. */
    private static void requireProofOfPossession(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            valid = csr.isSignatureValid(verifier(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw bad("the CSR's signature does not verify with the public key it contains");
        }
    }

    /**
     * Bouncy Castle verifies either way. For ECDSA its lightweight verifier, the same ECDSA and DER rules as its JCA
     * one: the JCA verifier also runs a second, raw verification whose result it ignores (for PKCS#11 sessions), which
     * doubled the cost of an EC CSR (about 300 µs against 160 µs on the bench machine, docs/performance.md).
     */
    private static ContentVerifierProvider verifier(SubjectPublicKeyInfo spki) throws Exception {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm())) {
            return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                    .build(PublicKeyFactory.createKey(spki));
        }
        return new JcaContentVerifierProviderBuilder().setProvider(BC).build(spki);
    }

    private static String commonName(PKCS10CertificationRequest csr) {
        RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
        if (cns.length > 1) {
            throw bad("the CSR subject has " + cns.length + " common names; send at most one");
        }
        if (cns.length == 0) {
            return null;
        }
        return IETFUtils.valueToString(cns[0].getFirst().getValue()).toLowerCase(Locale.ROOT);
    }

    private static List<String> sanDnsNames(PKCS10CertificationRequest csr) {
        List<String> names = new ArrayList<>();
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttributeValues()) {
                GeneralNames san = GeneralNames.fromExtensions(
                        Extensions.getInstance(value), Extension.subjectAlternativeName);
                if (san != null) {
                    for (GeneralName name : san.getNames()) {
                        names.add(dnsName(name));
                    }
                }
            }
        }
        return names;
    }

    private static String dnsName(GeneralName name) {
        if (name.getTagNo() != GeneralName.dNSName) {
            // BR 7.1.2.7.12: a DV certificate carries DNS names only
            throw bad("the CSR asks for a subjectAltName of type " + typeName(name.getTagNo())
                    + "; only DNS names are accepted");
        }
        return ASN1IA5String.getInstance(name.getName()).getString().toLowerCase(Locale.ROOT);
    }

    private static void requireSameNames(Set<String> names, List<Identifier> orderIdentifiers) {
        Set<String> wanted = new TreeSet<>();
        orderIdentifiers.forEach(i -> wanted.add(i.value()));
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(names);
        Set<String> extra = new TreeSet<>(names);
        extra.removeAll(wanted);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            // RFC 8555 §7.4: the CSR must name exactly the order's identifiers
            throw bad("the CSR's names must equal the order's identifiers " + wanted
                    + (missing.isEmpty() ? "" : "; missing from the CSR: " + missing)
                    + (extra.isEmpty() ? "" : "; not in the order: " + extra));
        }
    }

    private static List<String> cnFirst(String commonName, Set<String> sorted) {
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        if (commonName != null) {
            ordered.add(commonName);
        }
        ordered.addAll(sorted);
        return List.copyOf(ordered);
    }

    private static byte[] encoded(PKCS10CertificationRequest csr) {
        try {
            return csr.getSubjectPublicKeyInfo().getEncoded();
        } catch (IOException e) {
            throw bad("could not encode the CSR's public key");
        }
    }

    private static String typeName(int tag) {
        return switch (tag) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.rfc822Name -> "rfc822Name (email)";
            case GeneralName.x400Address -> "x400Address";
            case GeneralName.directoryName -> "directoryName";
            case GeneralName.ediPartyName -> "ediPartyName";
            case GeneralName.uniformResourceIdentifier -> "URI";
            case GeneralName.iPAddress -> "iPAddress";
            case GeneralName.registeredID -> "registeredID";
            default -> "tag " + tag;
        };
    }

    private static CaException bad(String detail) {
        return new CaException(ErrorKind.BAD_CSR, detail);
    }
}
