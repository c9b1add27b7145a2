package dev.inkan.core.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Who registered a domain, as its registry or registrar publishes it: RDAP found through IANA's bootstrap registry
 * (RFC 9224), else WHOIS found through IANA's referral (RFC 3912). An answer is never reused after 48 hours (BR
 * 3.2.2.4 as amended by SC-080). Used as OV supporting evidence and, where the operator is the registrar, for BR
 * 3.2.2.4.12. A domain nobody answers for fails the future with a {@code CaException} that says why.
 */
public interface RegistrantLookup {

    /**
     * @param domain    the Base Domain Name asked about
     * @param names     the registrant's names as published (a JPRS record has both 組織名 and Organization)
     * @param protocol  {@code rdap} or {@code whois}
     * @param source    the RDAP URL or the WHOIS server asked
     * @param fetchedAt when the registry answered (a cached answer keeps its original time)
     * @param excerpt   the registrant part of the answer, for the record
     */
    record Registrant(String domain, List<String> names, String protocol, String source, Instant fetchedAt,
            String excerpt) {
        public Registrant {
            Objects.requireNonNull(domain, "domain");
            names = List.copyOf(names);
        }
    }

    /**
     * @param consistent true when one of the registrant's names is the organization's name once case, width,
     *                   punctuation, spacing and the company-form words (株式会社, Co., Ltd., ...) are set aside
     * @param detail     what matched, or why nothing did
     */
    record RegistrantComparison(String organizationName, boolean consistent, String detail, Registrant registrant) {}

    Future<Registrant> lookup(String domain);

    /** Whether the domain's registrant is consistent with an organization's name (OV supporting evidence). */
    Future<RegistrantComparison> compare(String domain, String organizationName);
}
