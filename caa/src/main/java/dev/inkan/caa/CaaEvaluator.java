package dev.inkan.caa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides from the relevant CAA RRset (RFC 8659 §3) whether this CA may issue: RFC 8659 §4 for {@code issue},
 * {@code issuewild} and the critical flag, RFC 8657 for {@code accounturi} and {@code validationmethods}
 * (BR 3.2.2.8; SC-098 makes RFC 8657 a MUST from 2027-03-15, Chrome already requires it).
 */
final class CaaEvaluator {
    /** RFC 8657 §4: label = 1*(ALPHA / DIGIT / "-"). */
    private static final Pattern METHOD_LABEL = Pattern.compile("[A-Za-z0-9-]+");
    /**
     * SC-098: a method may be named by its IANA ACME label or by {@code ca-tbr-<n>} for BR 3.2.2.4.n; a CA SHOULD
     * accept either.
     */
    private static final Map<String, String> BR_LABELS =
            Map.of("http-01", "ca-tbr-19", "dns-01", "ca-tbr-7", "tls-alpn-01", "ca-tbr-20",
                    // the methods outside ACME (reseller and portal orders), by their own names and their BR labels
                    "constructed-email", "ca-tbr-4", "website-change", "ca-tbr-18", "domain-contact", "ca-tbr-12");

    private final Set<String> issuerDomainNames;

    CaaEvaluator(List<String> issuerDomainNames) {
        this.issuerDomainNames = Set.copyOf(issuerDomainNames);
    }

    /**
     * @param permitted true when this CA may issue
     * @param deciding  the properties that refused (or the one that permitted); empty when no property decided
     * @param why       for a refusal, what the applicant must change
     */
    record Decision(boolean permitted, List<CaaProperty> deciding, String why) {}

    Decision evaluate(List<CaaProperty> rrset, boolean wildcard, String accountUri, String method) {
        if (rrset.isEmpty()) {
            return new Decision(true, List.of(), "no CAA records");
        }
        // RFC 8659 §4.1: a CA MUST NOT issue when the RRset holds a critical property it does not understand.
        List<CaaProperty> criticalUnknown = rrset.stream().filter(p -> p.critical() && !p.known()).toList();
        if (!criticalUnknown.isEmpty()) {
            return new Decision(false, criticalUnknown, criticalUnknown.stream().map(CaaProperty::toString)
                    .collect(Collectors.joining(", ")) + " has the critical flag set on a property tag this CA does"
                    + " not process (RFC 8659 §4.1)");
        }
        List<CaaProperty> issue = withTag(rrset, CaaProperty.ISSUE);
        List<CaaProperty> issuewild = withTag(rrset, CaaProperty.ISSUEWILD);
        // RFC 8659 §4.3: issuewild is ignored for a non-wildcard name and, when present, replaces issue for a wildcard.
        List<CaaProperty> applicable = wildcard && !issuewild.isEmpty() ? issuewild : issue;
        if (applicable.isEmpty()) {
            return new Decision(true, List.of(), "no " + (wildcard ? "issue or issuewild" : "issue") + " property");
        }
        List<String> reasons = new ArrayList<>();
        for (CaaProperty p : applicable) {
            Optional<String> refusal = refusal(p, accountUri, method);
            if (refusal.isEmpty()) {
                return new Decision(true, List.of(p), "authorized");
            }
            reasons.add(p + " " + refusal.get());
        }
        return new Decision(false, applicable, String.join("; ", reasons));
    }

    /** Why this property does not authorize this CA for this request, or empty when it does. */
    private Optional<String> refusal(CaaProperty p, String accountUri, String method) {
        Optional<IssueValue> parsed = IssueValue.parse(p.value());
        if (parsed.isEmpty()) {
            return Optional.of("is malformed (RFC 8659 §4.2) and authorizes no CA");
        }
        IssueValue v = parsed.get();
        if (v.issuerDomainName().isEmpty()) {
            return Optional.of("names no issuer, which forbids issuance by every CA");
        }
        if (!issuerDomainNames.contains(v.issuerDomainName())) {
            return Optional.of("authorizes another CA (this CA's issuer domain name"
                    + (issuerDomainNames.size() > 1 ? "s are " : " is ") + String.join(", ", issuerDomainNames) + ")");
        }
        List<String> accounts = v.values("accounturi");
        if (accounts.size() > 1) {
            return Optional.of("has more than one accounturi parameter, which no account can satisfy (RFC 8657 §3)");
        }
        if (accounts.size() == 1 && !accounts.get(0).equals(accountUri)) {
            return Optional.of("allows only the account " + accounts.get(0) + ", not " + accountUri + " (RFC 8657 §3)");
        }
        List<String> methods = v.values("validationmethods");
        if (methods.size() > 1) {
            return Optional.of("has more than one validationmethods parameter (RFC 8657 §4)");
        }
        if (methods.size() == 1 && !methodAllowed(methods.get(0), method)) {
            return Optional.of("allows only the validation methods " + methods.get(0) + ", not " + method
                    + " (RFC 8657 §4)");
        }
        return Optional.empty();
    }

    /** RFC 8657 §4: a comma-separated list of labels; we match case-insensitively, as SC-098 allows when documented. */
    private static boolean methodAllowed(String list, String method) {
        String used = method == null ? "" : method.toLowerCase(Locale.ROOT);
        String brLabel = BR_LABELS.get(used);
        for (String label : list.split(",", -1)) {
            if (!METHOD_LABEL.matcher(label).matches()) {
                return false; // RFC 8657 §4: a malformed list is unsatisfiable
            }
        }
        for (String label : list.split(",")) {
            String l = label.toLowerCase(Locale.ROOT);
            if (l.equals(used) || l.equals(brLabel)) {
                return true;
            }
        }
        return false;
    }

    private static List<CaaProperty> withTag(List<CaaProperty> rrset, String tag) {
        return rrset.stream().filter(p -> p.tagLower().equals(tag)).toList();
    }
}
