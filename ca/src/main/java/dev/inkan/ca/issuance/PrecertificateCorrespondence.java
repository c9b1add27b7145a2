package dev.inkan.ca.issuance;

import dev.inkan.ca.profile.CtExtensions;
import dev.inkan.ca.profile.TbsCertificates;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * BR 7.1.2.9 and RFC 6962 §3.1: a final certificate corresponds to its precertificate when their TBS are byte for
 * byte the same but for the poison (precertificate only) and the SCT list (final only), both in the same place.
 * BR 4.3.1.2 lets this technical control stand in for linting the final certificate; we do both.
 */
final class PrecertificateCorrespondence {
    private PrecertificateCorrespondence() {}

    /** Throws IllegalStateException saying what differs. */
    static void check(TBSCertificate precert, TBSCertificate finalTbs) {
        List<Extension> pre = TbsCertificates.extensions(precert);
        List<Extension> fin = TbsCertificates.extensions(finalTbs);
        int poison = indexOf(pre, CtExtensions.POISON);
        int sctList = indexOf(fin, CtExtensions.SCT_LIST);
        if (poison < 0 || indexOf(pre, CtExtensions.SCT_LIST) >= 0) {
            throw new IllegalStateException("the precertificate must carry the poison and no SCT list");
        }
        if (sctList < 0 || indexOf(fin, CtExtensions.POISON) >= 0) {
            throw new IllegalStateException("the final certificate must carry an SCT list and no poison");
        }
        if (poison != sctList) {
            throw new IllegalStateException("the SCT list is not where the poison was");
        }
        byte[] a = TbsCertificates.der(TbsCertificates.without(precert, CtExtensions.POISON));
        byte[] b = TbsCertificates.der(TbsCertificates.without(finalTbs, CtExtensions.SCT_LIST));
        if (!Arrays.equals(a, b)) {
            throw new IllegalStateException("the final TBS differs from the precertificate TBS beyond poison and SCTs");
        }
    }

    private static int indexOf(List<Extension> extensions, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).getExtnId().equals(oid)) {
                return i;
            }
        }
        return -1;
    }
}
