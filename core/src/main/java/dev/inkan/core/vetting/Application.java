package dev.inkan.core.vetting;

import java.util.List;

/**
 * What the applicant submitted for vetting (CP 002 §3.2.2.1, §3.2.5, §4.1).
 *
 * @param corporateNumber the 13-digit 法人番号, check digit verified
 * @param prefecture      the head office prefecture as registered, e.g. 東京都
 * @param localityEn      the city in Latin letters, as the certificate's L will show it
 * @param telephone       the number the applicant gave; the call-back never uses it
 * @param domainNames     the base domain names the organization will request certificates for
 */
public record Application(
        String legalNameJa,
        String legalNameEn,
        String corporateNumber,
        String prefecture,
        String city,
        String street,
        String localityEn,
        String telephone,
        String applicantName,
        String applicantTitle,
        String applicantEmail,
        String applicantPhone,
        List<String> domainNames,
        List<Evidence> evidence) {
    public Application {
        domainNames = domainNames == null ? List.of() : List.copyOf(domainNames);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
