package dev.inkan.ca.crl;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.TBSCertList.CRLEntry;
import org.bouncycastle.asn1.x509.Time;

/**
 * The pre-sign check of a CRL (BR §4.3.1.2 asks CAs to lint what they sign), on the to-be-signed structure: what
 * RFC 5280 §5, BR §7.2 and CP 002 table 7.2.1 require of a subscriber CRL. Nothing is signed while a finding
 * stands.
 */
final class CrlLint {
    /** BR §7.2.2: nextUpdate at most ten days after thisUpdate for CRLs covering subscriber certificates. */
    static final Duration MAX_VALIDITY = Duration.ofDays(10);
    /** BR §7.2.2: 0 ≤ CRLNumber < 2^159. */
    private static final BigInteger CRL_NUMBER_LIMIT = BigInteger.ONE.shiftLeft(159);
    /** BR §7.2.2: the reasonCodes a subscriber CRL may carry (unspecified is omitted, certificateHold forbidden). */
    private static final Set<Integer> ALLOWED_REASONS = Set.of(
            CRLReason.keyCompromise, CRLReason.affiliationChanged, CRLReason.superseded,
            CRLReason.cessationOfOperation, CRLReason.privilegeWithdrawn);
    private static final Instant GENERALIZED_TIME_FROM = Instant.parse("2050-01-01T00:00:00Z");

    private CrlLint() {}

    /** What is wrong with the CRL; empty when nothing is. */
    static List<String> findings(TBSCertList tbs, CrlIssuer issuer, AlgorithmIdentifier signature,
            String distributionPoint) {
        List<String> f = new ArrayList<>();
        if (tbs.getVersionNumber() != 2) {
            f.add("version must be v2 (RFC 5280 §5.1.2.1), is v" + tbs.getVersionNumber());
        }
        if (!signature.equals(tbs.getSignature())) {
            f.add("signature algorithm " + tbs.getSignature().getAlgorithm() + " is not the CA key's "
                    + signature.getAlgorithm());
        }
        if (!Arrays.equals(der(tbs.getIssuer()), issuer.subjectDer())) {
            f.add("issuer is not byte for byte the subject of CA certificate '" + issuer.caId() + "' (BR §7.2.2)");
        }
        times(tbs, f);
        entries(tbs, f);
        extensions(tbs.getExtensions(), issuer, distributionPoint, f);
        return f;
    }

    /** Throws with every finding when there is one. */
    static void check(TBSCertList tbs, CrlIssuer issuer, AlgorithmIdentifier signature, String distributionPoint) {
        List<String> f = findings(tbs, issuer, signature, distributionPoint);
        if (!f.isEmpty()) {
            throw new IllegalStateException("CRL of CA '" + issuer.caId() + "' fails lint: " + String.join("; ", f));
        }
    }

    private static void times(TBSCertList tbs, List<String> f) {
        Instant thisUpdate = timeEncoding(() -> "thisUpdate", tbs.getThisUpdate(), f);
        if (tbs.getNextUpdate() == null) {
            f.add("nextUpdate is missing (BR §7.2: required)");
            return;
        }
        Instant nextUpdate = timeEncoding(() -> "nextUpdate", tbs.getNextUpdate(), f);
        if (thisUpdate == null || nextUpdate == null) {
            return;
        }
        if (!nextUpdate.isAfter(thisUpdate)) {
            f.add("nextUpdate " + nextUpdate + " is not after thisUpdate " + thisUpdate);
        }
        if (Duration.between(thisUpdate, nextUpdate).compareTo(MAX_VALIDITY) > 0) {
            f.add("nextUpdate is more than " + MAX_VALIDITY.toDays() + " days after thisUpdate (BR §7.2.2)");
        }
    }

    /**
     * RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050, both in whole seconds with Z. Returns the
     * instant, or null after reporting an encoding that is not of that form.
     */
    private static Instant timeEncoding(Supplier<String> field, Time t, List<String> f) {
        ASN1Primitive p = t.toASN1Primitive();
        Instant at = Asn1Times.instant(t);
        boolean utc = p instanceof ASN1UTCTime;
        String raw = Asn1Times.characters(t);
        if (at == null) {
            f.add(field.get() + (utc ? " UTCTime " : " GeneralizedTime ") + raw + " is not "
                    + (utc ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ"));
            return null;
        }
        boolean generalizedEra = !at.isBefore(GENERALIZED_TIME_FROM);
        if (utc && generalizedEra) {
            f.add(field.get() + " UTCTime " + raw + " is not YYMMDDHHMMSSZ before 2050");
        } else if (!utc && !generalizedEra) {
            f.add(field.get() + " GeneralizedTime " + raw + " is not YYYYMMDDHHMMSSZ from 2050");
        }
        return at;
    }

    private static void entries(TBSCertList tbs, List<String> f) {
        Instant thisUpdate = Asn1Times.instant(tbs.getThisUpdate());
        Set<BigInteger> seen = new HashSet<>();
        Enumeration<?> all = tbs.getRevokedCertificateEnumeration();
        while (all.hasMoreElements()) {
            CRLEntry e = (CRLEntry) all.nextElement();
            BigInteger serial = e.getUserCertificate().getValue();
            // named only when there is something to say: a million entries would make a million names
            Supplier<String> name = () -> "entry " + serial.toString(16);
            if (serial.signum() <= 0) {
                f.add(name.get() + ": serial must be positive");
            }
            if (!seen.add(serial)) {
                f.add(name.get() + ": listed twice");
            }
            Instant revoked = timeEncoding(() -> name.get() + " revocationDate", e.getRevocationDate(), f);
            if (revoked != null && thisUpdate != null && revoked.isAfter(thisUpdate)) {
                f.add(name.get() + ": revocationDate is after thisUpdate");
            }
            if (e.hasExtensions()) {
                entryExtensions(name, e.getExtensions(), f);
            }
        }
    }

    private static void entryExtensions(Supplier<String> name, Extensions ext, List<String> f) {
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
            if (!oid.equals(Extension.reasonCode)) {
                f.add(name.get() + ": unexpected entry extension " + oid);
                continue;
            }
            Extension reason = ext.getExtension(oid);
            if (reason.isCritical()) {
                f.add(name.get() + ": reasonCode must not be critical (RFC 5280 §5.3.1)");
            }
            int code = CRLReason.getInstance(reason.getParsedValue()).getValue().intValue();
            if (!ALLOWED_REASONS.contains(code)) {
                f.add(name.get() + ": reasonCode " + code + " is not allowed (BR §7.2.2: 1, 3, 4, 5 or 9; unspecified"
                        + " is written as no reasonCode)");
            }
        }
    }

    private static void extensions(Extensions ext, CrlIssuer issuer, String distributionPoint, List<String> f) {
        if (ext == null) {
            f.add("crlExtensions are missing (CRL Number and AKI are required)");
            return;
        }
        Extension aki = ext.getExtension(Extension.authorityKeyIdentifier);
        if (aki == null || aki.isCritical()) {
            f.add("authorityKeyIdentifier must be present and non-critical (RFC 5280 §5.2.1)");
        } else if (!Arrays.equals(AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierOctets(),
                issuer.keyId())) {
            f.add("authorityKeyIdentifier is not the CA certificate's subjectKeyIdentifier");
        }
        Extension number = ext.getExtension(Extension.cRLNumber);
        if (number == null || number.isCritical()) {
            f.add("cRLNumber must be present and non-critical (RFC 5280 §5.2.3)");
        } else {
            BigInteger n = CRLNumber.getInstance(number.getParsedValue()).getCRLNumber();
            if (n.signum() < 0 || n.compareTo(CRL_NUMBER_LIMIT) >= 0) {
                f.add("cRLNumber " + n + " is outside 0 .. 2^159-1 (BR §7.2.2)");
            }
        }
        distributionPoint(ext.getExtension(Extension.issuingDistributionPoint), distributionPoint, f);
        for (ASN1ObjectIdentifier oid : ext.getExtensionOIDs()) {
            if (!oid.equals(Extension.authorityKeyIdentifier) && !oid.equals(Extension.cRLNumber)
                    && !oid.equals(Extension.issuingDistributionPoint)) {
                f.add("unexpected CRL extension " + oid);
            }
        }
    }

    /** BR §7.2.2: a partitioned CRL carries a critical IDP whose fullName is the URI its certificates name. */
    private static void distributionPoint(Extension idp, String expected, List<String> f) {
        if (expected == null) {
            if (idp != null) {
                f.add("a full CRL carries no issuingDistributionPoint (BR §7.2.2: NOT RECOMMENDED)");
            }
            return;
        }
        if (idp == null || !idp.isCritical()) {
            f.add("a CRL shard needs a critical issuingDistributionPoint (BR §7.2.2)");
            return;
        }
        IssuingDistributionPoint p = IssuingDistributionPoint.getInstance(idp.getParsedValue());
        DistributionPointName name = p.getDistributionPoint();
        boolean named = name != null && name.getType() == DistributionPointName.FULL_NAME
                && Arrays.stream(GeneralNames.getInstance(name.getName()).getNames()).anyMatch(g ->
                        g.getTagNo() == GeneralName.uniformResourceIdentifier && g.getName().toString().equals(expected));
        if (!named) {
            f.add("issuingDistributionPoint does not name " + expected);
        }
        if (p.isIndirectCRL() || p.onlyContainsAttributeCerts() || p.getOnlySomeReasons() != null
                || (p.onlyContainsUserCerts() && p.onlyContainsCACerts())) {
            f.add("issuingDistributionPoint sets a flag BR §7.2.2 forbids");
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
