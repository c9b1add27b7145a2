package dev.inkan.ca.crl;

import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
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

/**
 * The to-be-signed CRL of CP 002 table 7.2.1 and BR §7.2: version 2, the issuing CA's subject as issuer, thisUpdate
 * and nextUpdate, one entry per revoked certificate with its reasonCode, and the CRL Number and AKI extensions
 * (plus, for a shard, a critical issuingDistributionPoint naming the shard's URL).
 */
final class CrlTemplate {
    /** RFC 5280 §5.1.2.1: v2 is encoded as INTEGER 1. */
    static final ASN1Integer V2 = new ASN1Integer(1);
    /** Encoded once: every entry with the same reason carries the same extension. */
    private static final Map<RevocationReason, Extensions> REASON_EXTENSIONS = reasonExtensions();

    private CrlTemplate() {}

    /**
     * @param distributionPoint the shard's URL for its issuingDistributionPoint; null for a full CRL, which carries
     *                          none (BR §7.2.2: NOT RECOMMENDED on full CRLs)
     */
    static TBSCertList tbs(CrlIssuer issuer, AlgorithmIdentifier signature, long number, Instant thisUpdate,
            Instant nextUpdate, List<RevokedEntry> entries, String distributionPoint) {
        ASN1EncodableVector v = new ASN1EncodableVector(7);
        v.add(V2);
        v.add(signature);
        v.add(X500Name.getInstance(issuer.subject()));
        v.add(Asn1Times.time(thisUpdate));
        v.add(Asn1Times.time(nextUpdate));
        // RFC 5280 §5.1.2.6: with no revoked certificate the list is absent, not empty
        if (!entries.isEmpty()) {
            v.add(revokedCertificates(entries));
        }
        v.add(new DERTaggedObject(true, 0, extensions(issuer, number, distributionPoint)));
        return TBSCertList.getInstance(new DERSequence(v));
    }

    private static DERSequence revokedCertificates(List<RevokedEntry> entries) {
        ASN1EncodableVector list = new ASN1EncodableVector(entries.size());
        entries.stream().sorted(SERIAL_ORDER).forEach(e -> list.add(entry(e)));
        return new DERSequence(list);
    }

    /** Numeric order of lowercase hex without leading zeros: shorter first, then by digits. */
    private static final Comparator<RevokedEntry> SERIAL_ORDER =
            Comparator.comparingInt((RevokedEntry e) -> e.serial().length()).thenComparing(RevokedEntry::serial);

    private static DERSequence entry(RevokedEntry e) {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(new ASN1Integer(new BigInteger(e.serial(), 16)));
        v.add(Asn1Times.time(e.revokedAt()));
        Extensions reason = REASON_EXTENSIONS.get(e.reason());
        if (reason != null) {
            v.add(reason);
        }
        return new DERSequence(v);
    }

    private static Extensions extensions(CrlIssuer issuer, long number, String distributionPoint) {
        try {
            Extension aki = new Extension(Extension.authorityKeyIdentifier, false,
                    new DEROctetString(new AuthorityKeyIdentifier(issuer.keyId()).getEncoded()));
            Extension crlNumber = new Extension(Extension.cRLNumber, false,
                    new DEROctetString(new CRLNumber(BigInteger.valueOf(number)).getEncoded()));
            if (distributionPoint == null) {
                return new Extensions(new Extension[] {aki, crlNumber});
            }
            IssuingDistributionPoint idp = new IssuingDistributionPoint(
                    new DistributionPointName(new GeneralNames(new GeneralName(
                            GeneralName.uniformResourceIdentifier, distributionPoint))),
                    true, false, null, false, false);
            Extension idpExt = new Extension(Extension.issuingDistributionPoint, true,
                    new DEROctetString(idp.getEncoded()));
            return new Extensions(new Extension[] {aki, crlNumber, idpExt});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BR §7.2.2: unspecified (0) is written as no reasonCode; every other allowed reason as its code. */
    private static Map<RevocationReason, Extensions> reasonExtensions() {
        Map<RevocationReason, Extensions> m = new EnumMap<>(RevocationReason.class);
        for (RevocationReason r : RevocationReason.values()) {
            if (r == RevocationReason.UNSPECIFIED) {
                continue;
            }
            try {
                m.put(r, new Extensions(new Extension(Extension.reasonCode, false,
                        new DEROctetString(CRLReason.lookup(r.code()).getEncoded()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }
}
