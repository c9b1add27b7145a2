package dev.inkan.ca.ceremony;

import dev.inkan.ca.CaIds;
import dev.inkan.ca.profile.CertificateExtensions;
import java.time.Duration;
import java.util.List;

/**
 * One certificate of the hierarchy: its id (also the key alias), role, signer and subject.
 *
 * @param reservedPolicyOid the CA/B Forum OID an issuing CA asserts; null for the root and responders
 */
record CaDefinition(String id, String role, String issuerId, String subjectDn, String reservedPolicyOid,
        Duration validity) {
    static final String ROOT = "root";
    static final String ISSUING = "issuing";
    static final String OCSP = "ocsp";

    /** The same certificate under another key alias: a responder's next generation. */
    CaDefinition generation(String alias) {
        return new CaDefinition(alias, role, issuerId, subjectDn, reservedPolicyOid, validity);
    }

    boolean selfSigned() {
        return id.equals(issuerId);
    }

    /** Parents before children, so each signer exists before it signs. */
    static List<CaDefinition> hierarchy(CeremonyConfig c) {
        return List.of(
                new CaDefinition(CaIds.ROOT, ROOT, CaIds.ROOT, c.rootSubject(), null, c.rootValidity()),
                new CaDefinition(CaIds.DV, ISSUING, CaIds.ROOT, c.dvSubject(),
                        CertificateExtensions.DOMAIN_VALIDATED, c.issuingValidity()),
                new CaDefinition(CaIds.OV, ISSUING, CaIds.ROOT, c.ovSubject(),
                        CertificateExtensions.ORGANIZATION_VALIDATED, c.issuingValidity()),
                new CaDefinition(CaIds.OCSP_DV, OCSP, CaIds.DV, c.dvOcspSubject(), null, c.ocspValidity()),
                new CaDefinition(CaIds.OCSP_OV, OCSP, CaIds.OV, c.ovOcspSubject(), null, c.ocspValidity()));
    }
}
