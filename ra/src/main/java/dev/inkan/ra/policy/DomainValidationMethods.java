package dev.inkan.ra.policy;

import com.google.common.net.InternetDomainName;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The domain validation methods outside ACME (reseller and portal orders) and their rules: which a name may use now,
 * the constructed addresses, the random value's lifetime, and the dates after which a method stops counting.
 */
public final class DomainValidationMethods {
    /** BR 3.2.2.4.4 (SC-090): MUST NOT be used from 2028-03-15, and earlier validations by it are unusable then. */
    public static final Instant CONSTRUCTED_EMAIL_SUNSET = Instant.parse("2028-03-15T00:00:00Z");
    /** CP 002 §3.2.2.4: a random value answers for 10 days from its issuance (the BR allow 30). */
    public static final Duration RANDOM_VALUE_LIFETIME = Duration.ofDays(10);
    /** BR 3.2.2.4.4: the only local parts of a constructed address (CP 002 §3.2.2.4 method 2 names the same five). */
    public static final List<String> LOCAL_PARTS = List.of("admin", "administrator", "webmaster", "hostmaster",
            "postmaster");
    /** The BR version the validation records follow; the same as the validators' (validators/BrSection). */
    static final String BR_VERSION = "2.2.6";

    private final Set<String> domainContactTlds;

    /**
     * @param domainContactTlds the TLDs whose names' registrar (or registry) is this CA or an Affiliate: only
     *                          there may BR 3.2.2.4.12 validate. Empty by default.
     */
    public DomainValidationMethods(List<String> domainContactTlds) {
        this.domainContactTlds = Set.copyOf(domainContactTlds.stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(t -> !t.isEmpty())
                .toList());
    }

    /** E.g. {@code 3.2.2.4.4 (BR 2.2.6)} (BR 3.2.2.4: record the method with its BR version). */
    public static String brSection(String method) {
        String section = switch (method) {
            case Challenge.CONSTRUCTED_EMAIL -> "3.2.2.4.4";
            case Challenge.WEBSITE_CHANGE -> "3.2.2.4.18";
            case Challenge.DOMAIN_CONTACT -> "3.2.2.4.12";
            default -> throw new IllegalArgumentException("not a method outside ACME: " + method);
        };
        return section + " (BR " + BR_VERSION + ")";
    }

    /** The methods a name may use at {@code now}, in the order to offer them. */
    public List<String> methodsFor(Identifier identifier, Instant now) {
        List<String> methods = new ArrayList<>();
        if (!identifier.isWildcard()) {
            methods.add(Challenge.WEBSITE_CHANGE);
        }
        if (domainContactAllowed(identifier)) {
            methods.add(Challenge.DOMAIN_CONTACT);
        }
        if (now.isBefore(CONSTRUCTED_EMAIL_SUNSET)) {
            methods.add(Challenge.CONSTRUCTED_EMAIL);
        }
        return List.copyOf(methods);
    }

    /** Refuses a method the name may not use now, saying why. */
    public void requireAllowed(String method, Identifier identifier, Instant now) {
        switch (method == null ? "" : method) {
            case Challenge.CONSTRUCTED_EMAIL -> {
                if (!now.isBefore(CONSTRUCTED_EMAIL_SUNSET)) {
                    throw new CaException(ErrorKind.REJECTED_IDENTIFIER, "email to a constructed address (BR 3.2.2.4.4)"
                            + " may not be used from " + CONSTRUCTED_EMAIL_SUNSET.toString().substring(0, 10)
                            + "; use the website or DNS method");
                }
            }
            case Challenge.WEBSITE_CHANGE -> {
                if (identifier.isWildcard()) {
                    // BR 3.2.2.4.18: the file proves control of that FQDN only
                    throw new CaException(ErrorKind.REJECTED_IDENTIFIER, "a change to the website (BR 3.2.2.4.18)"
                            + " cannot validate the wildcard " + identifier.value() + "; use email or DNS");
                }
            }
            case Challenge.DOMAIN_CONTACT -> {
                if (!domainContactAllowed(identifier)) {
                    throw new CaException(ErrorKind.REJECTED_IDENTIFIER, "the registrant check (BR 3.2.2.4.12) is"
                            + " allowed only where this CA is the registrar of the domain, which it is not for "
                            + identifier.baseName());
                }
            }
            default -> throw new CaException(ErrorKind.MALFORMED, "unknown validation method \"" + method
                    + "\"; the methods are " + Challenge.CONSTRUCTED_EMAIL + ", " + Challenge.WEBSITE_CHANGE
                    + " and " + Challenge.DOMAIN_CONTACT);
        }
    }

    /**
     * BR 3.2.2.4.4: local part @ an Authorization Domain Name, which is the name (without {@code *.}) or a parent
     * pruned down to the Base Domain Name, never a public suffix.
     */
    public static List<String> constructedAddresses(Identifier identifier) {
        List<String> addresses = new ArrayList<>();
        for (String adn : authorizationDomainNames(identifier.baseName())) {
            for (String local : LOCAL_PARTS) {
                addresses.add(local + "@" + adn);
            }
        }
        return List.copyOf(addresses);
    }

    /** The address, normalised, when it is one of the name's constructed addresses; refused otherwise. */
    public static String requireConstructedAddress(Identifier identifier, String address) {
        String a = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
        if (!constructedAddresses(identifier).contains(a)) {
            throw new CaException(ErrorKind.MALFORMED, "\"" + (address == null ? "" : address) + "\" is not a"
                    + " constructed address for " + identifier.value() + " (BR 3.2.2.4.4: admin, administrator,"
                    + " webmaster, hostmaster or postmaster @ the name or a parent down to "
                    + registrable(identifier.baseName()) + ")");
        }
        return a;
    }

    /** The Base Domain Name (the registrable domain) of a name, or the name itself when there is none. */
    public static String registrable(String name) {
        try {
            InternetDomainName d = InternetDomainName.from(name);
            return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : name;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return name;
        }
    }

    private static List<String> authorizationDomainNames(String name) {
        String base = registrable(name);
        List<String> names = new ArrayList<>();
        String n = name.toLowerCase(Locale.ROOT);
        while (true) {
            names.add(n);
            if (n.equals(base) || n.indexOf('.') < 0) {
                break;
            }
            n = n.substring(n.indexOf('.') + 1);
        }
        return names;
    }

    /** The instant after which the challenge's random value is no longer accepted. */
    public static Instant valueExpires(Challenge challenge) {
        return challenge.valueIssued().plus(RANDOM_VALUE_LIFETIME);
    }

    /**
     * Whether a validation made by this method may still back a certificate at {@code now}: a constructed-email
     * validation stops counting on 2028-03-15 (BR 3.2.2.4.4, "prior validations using this method ... SHALL NOT be
     * reused"); every other method follows the reuse window alone.
     */
    public static boolean stillCounts(String method, Instant now) {
        return now.isBefore(countsUntil(method));
    }

    /** The instant from which a validation by this method backs no certificate; {@link Instant#MAX} for none. */
    public static Instant countsUntil(String method) {
        return Challenge.CONSTRUCTED_EMAIL.equals(method) ? CONSTRUCTED_EMAIL_SUNSET : Instant.MAX;
    }

    private boolean domainContactAllowed(Identifier identifier) {
        String name = identifier.baseName().toLowerCase(Locale.ROOT);
        String tld = name.substring(name.lastIndexOf('.') + 1);
        return domainContactTlds.contains(tld);
    }
}
