package dev.inkan.ca.ceremony;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.DistinguishedNames;
import dev.inkan.ca.hsm.KeyAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the key ceremony creates. The sandbox defaults say in every subject that they are not publicly trusted.
 *
 * @param keyAlgorithm      every CA and responder key: RSA 2048 (CP 002 §6.1.5) or ECDSA P-256
 * @param rootValidity      BR §7.1.2.1.1: 2922 to 9132 days
 * @param issuingValidity   Chrome Root Program §1.3.1.3: sub-CAs SHOULD be valid at most 3 years
 * @param ocspValidity      the delegated responder certificates (CP 002 table 7.3.1 shows 4 days; the sandbox
 *                          makes them once, so it uses a longer period)
 * @param publicBaseUrl     the http base from which CRL DP, OCSP and caIssuers URLs are derived ({@link CaUrls})
 * @param cpOid             the CP's policy OID (CP 002 §1.2)
 * @param exportDir         where the PEM files are written
 */
public record CeremonyConfig(
        KeyAlgorithm keyAlgorithm,
        String rootSubject,
        String dvSubject,
        String ovSubject,
        String dvOcspSubject,
        String ovOcspSubject,
        Duration rootValidity,
        Duration issuingValidity,
        Duration ocspValidity,
        String publicBaseUrl,
        String cpOid,
        Path exportDir) {
    public static final String DEFAULT_CP_OID = "1.3.6.1.4.1.53827.1.1.4";
    public static final String DEFAULT_BASE_URL = "http://localhost:14080";

    public CeremonyConfig {
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(cpOid, "cpOid");
        Objects.requireNonNull(exportDir, "exportDir");
        for (String dn : List.of(rootSubject, dvSubject, ovSubject, dvOcspSubject, ovOcspSubject)) {
            DistinguishedNames.parse(Objects.requireNonNull(dn, "subject"));
        }
        for (Duration d : List.of(rootValidity, issuingValidity, ocspValidity)) {
            if (d.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("validity must be at least a day: " + d);
            }
        }
        new CaUrls(publicBaseUrl);
    }

    /** The sandbox hierarchy: RSA 2048, a 15-year root, 3-year issuing CAs, 90-day responders, localhost URLs. */
    public static CeremonyConfig sandbox(Path exportDir) {
        String org = ",O=Inkan Sandbox,C=JP";
        return new CeremonyConfig(
                KeyAlgorithm.RSA_2048,
                "CN=Inkan Sandbox Root CA - NOT PUBLICLY TRUSTED" + org,
                "CN=Inkan Sandbox DV CA - NOT PUBLICLY TRUSTED" + org,
                "CN=Inkan Sandbox OV CA - NOT PUBLICLY TRUSTED" + org,
                "CN=Inkan Sandbox DV OCSP Responder - NOT PUBLICLY TRUSTED" + org,
                "CN=Inkan Sandbox OV OCSP Responder - NOT PUBLICLY TRUSTED" + org,
                Duration.ofDays(5479),
                Duration.ofDays(1095),
                Duration.ofDays(90),
                DEFAULT_BASE_URL,
                DEFAULT_CP_OID,
                exportDir);
    }

    public CaUrls urls() {
        return new CaUrls(publicBaseUrl);
    }

    public CeremonyConfig withKeyAlgorithm(KeyAlgorithm a) {
        return new CeremonyConfig(a, rootSubject, dvSubject, ovSubject, dvOcspSubject, ovOcspSubject,
                rootValidity, issuingValidity, ocspValidity, publicBaseUrl, cpOid, exportDir);
    }

    public CeremonyConfig withPublicBaseUrl(String url) {
        return new CeremonyConfig(keyAlgorithm, rootSubject, dvSubject, ovSubject, dvOcspSubject, ovOcspSubject,
                rootValidity, issuingValidity, ocspValidity, url, cpOid, exportDir);
    }

    public CeremonyConfig withCpOid(String oid) {
        return new CeremonyConfig(keyAlgorithm, rootSubject, dvSubject, ovSubject, dvOcspSubject, ovOcspSubject,
                rootValidity, issuingValidity, ocspValidity, publicBaseUrl, oid, exportDir);
    }
}
