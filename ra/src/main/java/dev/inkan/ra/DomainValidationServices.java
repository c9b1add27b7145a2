package dev.inkan.ra;

import dev.inkan.core.port.OutboundMail;
import dev.inkan.core.port.RegistrantLookup;
import java.util.List;
import java.util.Objects;

/**
 * What the validation methods outside ACME need besides the RA's stores: the mail relay (BR 3.2.2.4.4), the
 * confirmation page's address, the registrant lookup and the operator's registrar list (BR 3.2.2.4.12).
 *
 * @param mail              the CA's mail relay, or null when the CA sends no mail (then email validation is refused)
 * @param confirmationUrl   the confirmation page; the emailed link is this URL + "/" + the value
 * @param registrants       RDAP/WHOIS, or null when not set up (then the registrant check is refused)
 * @param domainContactTlds TLDs whose domains this CA (or an Affiliate) is the registrar of; BR 3.2.2.4.12 may
 *                          validate only there. Empty by default
 * @param caName            how the email names the CA
 */
public record DomainValidationServices(OutboundMail mail, String confirmationUrl, RegistrantLookup registrants,
        List<String> domainContactTlds, String caName) {
    public DomainValidationServices {
        confirmationUrl = Objects.requireNonNull(confirmationUrl, "confirmationUrl").replaceAll("/+$", "");
        domainContactTlds = List.copyOf(domainContactTlds == null ? List.of() : domainContactTlds);
        caName = caName == null || caName.isBlank() ? "Inkan" : caName;
    }

    /** Nothing connected yet: every method outside ACME is refused. */
    public static DomainValidationServices unconnected() {
        return new DomainValidationServices(null, "", null, List.of(), null);
    }
}
