package dev.inkan.ra.policy;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.policy.ReverseZoneNames;
import java.net.IDN;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which identifiers this CA issues for. DNS names only; each is lowercased and checked against RFC 1035
 * syntax, IDNA, the ICANN section of the public suffix list and the operator's block list. An order's
 * identifiers come back deduplicated and sorted, so equal requests compare equal.
 */
public final class IdentifierPolicy {
    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;
    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private final int maxIdentifiers;
    private final List<String> blockedNames;
    private final Clock clock;

    /**
     * @param maxIdentifiers the most distinct identifiers one order may hold
     * @param blockedNames   names refused together with every name under them, lowercase, no dots at either end
     * @param clock          dates the rules that take effect on a day (SC-086)
     */
    public IdentifierPolicy(int maxIdentifiers, List<String> blockedNames, Clock clock) {
        this.maxIdentifiers = maxIdentifiers;
        this.blockedNames = blockedNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        this.clock = clock;
    }

    /**
     * The order's identifiers lowercased, deduplicated and sorted.
     *
     * @throws CaException {@code malformed} for an empty list; {@code rejectedIdentifier} or
     *     {@code unsupportedIdentifier} with one subproblem per refused identifier (RFC 8555 §6.7.1)
     */
    public List<Identifier> check(List<Identifier> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new CaException(ErrorKind.MALFORMED, "the order names no identifiers");
        }
        TreeSet<String> names = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        for (Identifier id : requested) {
            Optional<Problem> problem = problemWith(id);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else {
                names.add(id.value().toLowerCase(Locale.ROOT));
            }
        }
        if (!problems.isEmpty()) {
            throw new CaException(combined(problems));
        }
        if (names.size() > maxIdentifiers) {
            throw new CaException(ErrorKind.REJECTED_IDENTIFIER,
                    "the order has " + names.size() + " identifiers; at most " + maxIdentifiers + " are allowed");
        }
        return names.stream().map(Identifier::dns).toList();
    }

    /** Why this identifier is refused, or empty if it is acceptable. */
    public Optional<Problem> problemWith(Identifier id) {
        if (!Identifier.DNS.equals(id.type())) {
            return Optional.of(new Problem(ErrorKind.UNSUPPORTED_IDENTIFIER,
                    "identifier type \"" + id.type() + "\" is not supported; only \"dns\" is", id, List.of()));
        }
        String name = id.value().toLowerCase(Locale.ROOT);
        return wildcardProblem(name)
                .or(() -> dnsNameProblem(Identifier.dns(name).baseName()))
                .or(() -> Optional.ofNullable(ReverseZoneNames.problem(name, clock.instant())))
                .map(detail -> new Problem(ErrorKind.REJECTED_IDENTIFIER, detail, id, List.of()));
    }

    /**
     * Why this lowercase name (no wildcard) cannot be a certificate name, or empty. Also used for the domain
     * of contact addresses.
     */
    public Optional<String> dnsNameProblem(String name) {
        Optional<String> syntax = syntaxProblem(name);
        if (syntax.isPresent()) {
            return syntax;
        }
        if (!InternetDomainName.isValid(name)) {
            // e.g. a top-level label that starts with a digit
            return Optional.of("\"" + name + "\" is not a valid domain name");
        }
        InternetDomainName domain = InternetDomainName.from(name);
        // BR 4.2.2: no Internal Names; a name must sit below an ICANN-section public suffix.
        if (domain.isRegistrySuffix()) {
            return Optional.of("\"" + name + "\" is a public suffix; certificates are issued for names under it");
        }
        if (!domain.isUnderRegistrySuffix()) {
            return Optional.of("\"" + name + "\" does not end in a public suffix (internal names are not allowed)");
        }
        return blockedBy(name).map(b -> "issuance for \"" + name + "\" is forbidden by policy (" + b + ")");
    }

    /** RFC 8555 §7.1.3: {@code *.} only as the whole leftmost label, and never directly on a public suffix. */
    private Optional<String> wildcardProblem(String name) {
        String base = Identifier.dns(name).baseName();
        if (base.contains("*")) {
            return Optional.of("\"" + name + "\": a wildcard is allowed only as the whole leftmost label \"*.\"");
        }
        if (name.startsWith("*.") && syntaxProblem(base).isEmpty() && InternetDomainName.isValid(base)
                && InternetDomainName.from(base).isRegistrySuffix()) {
            return Optional.of("\"" + name + "\": a wildcard directly on the public suffix \"" + base
                    + "\" is not allowed");
        }
        return Optional.empty();
    }

    private static Optional<String> syntaxProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("the identifier is empty");
        }
        if (name.endsWith(".")) {
            return Optional.of("\"" + name + "\" ends with a dot; send the name without it");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("the name is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH);
        }
        if (InetAddresses.isUriInetAddress(name) || InetAddresses.isInetAddress(name)) {
            return Optional.of("\"" + name + "\" is an IP address; IP identifiers are not supported");
        }
        for (String label : name.split("\\.", -1)) {
            Optional<String> problem = labelProblem(name, label);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> labelProblem(String name, String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            return Optional.of("\"" + name + "\" has a label of " + label.length()
                    + " characters; labels are 1 to " + MAX_LABEL_LENGTH);
        }
        if (!LDH_LABEL.matcher(label).matches()) {
            return Optional.of("\"" + name + "\" has the label \"" + label
                    + "\"; labels hold only letters, digits and inner hyphens (send IDNs as xn-- A-labels)");
        }
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
            return idnaProblem(name, label);
        }
        return Optional.empty();
    }

    /**
     * RFC 5891 §4.2.3.1: "--" in the third and fourth positions is reserved; only xn-- A-labels that decode
     * to Unicode and encode back to themselves are accepted.
     */
    private static Optional<String> idnaProblem(String name, String label) {
        if (!label.startsWith("xn--")) {
            return Optional.of("\"" + name + "\" has the label \"" + label
                    + "\" with the reserved \"--\" in positions 3 and 4");
        }
        try {
            String unicode = IDN.toUnicode(label, 0);
            boolean decoded = !unicode.startsWith("xn--") && !unicode.equals(label);
            if (decoded && IDN.toASCII(unicode, 0).equalsIgnoreCase(label)) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a valid A-label
        }
        return Optional.of("\"" + name + "\" has the label \"" + label + "\" that is not a valid IDNA A-label");
    }

    private Optional<String> blockedBy(String name) {
        return blockedNames.stream()
                .filter(b -> name.equals(b) || name.endsWith("." + b))
                .findFirst();
    }

    private static Problem combined(List<Problem> problems) {
        ErrorKind kind = problems.stream().map(Problem::kind).distinct().count() == 1
                ? problems.get(0).kind()
                : ErrorKind.REJECTED_IDENTIFIER;
        String detail = problems.size() == 1
                ? problems.get(0).detail()
                : problems.size() + " identifiers were refused; see the subproblems (first: "
                        + problems.get(0).detail() + ")";
        return new Problem(kind, detail, null, problems);
    }
}
