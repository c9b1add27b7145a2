package dev.inkan.ra;

import dev.inkan.core.model.Challenge;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the registration authority. A null object field takes its {@code DEFAULT_*}, except the two
 * where null has a meaning ({@code maxAuthorizationReuse}, {@code termsOfService}).
 *
 * @param orderLifetime               how long a new order stays usable (capped by its authorizations)
 * @param pendingAuthorizationLifetime how long a new authorization may wait for its challenge
 * @param defaultProfile              the ACME profile of an order that names none; must be in {@code profiles}
 * @param profiles                    ACME profile name to the CA profile that issues it, in advertised order
 * @param maxIdentifiersPerOrder      distinct identifiers one order may hold
 * @param challengeTypes              types offered per new authorization, in order ({@code http-01},
 *                                    {@code dns-01}, {@code tls-alpn-01}); wildcards get the dns-01 subset
 * @param reuseAuthorizations         whether a new order reuses the account's valid (inside the reuse
 *                                    window) and pending authorizations for the same name
 * @param maxAuthorizationReuse       an operator cap on the BR 4.2.1 reuse window (e.g. 30 days), or null
 *                                    for the BR window alone
 * @param termsOfService              the terms URL if accounts must agree to terms, or null
 * @param maxContacts                 contacts one account may list
 * @param blockedNames                names refused together with every name below them
 * @param validationTimeout           after this, a validation still running is recorded as failed
 */
public record RaConfig(
        Duration orderLifetime,
        Duration pendingAuthorizationLifetime,
        String defaultProfile,
        Map<String, String> profiles,
        int maxIdentifiersPerOrder,
        List<String> challengeTypes,
        boolean reuseAuthorizations,
        Duration maxAuthorizationReuse,
        String termsOfService,
        int maxContacts,
        List<String> blockedNames,
        Duration validationTimeout) {
    public static final Duration DEFAULT_ORDER_LIFETIME = Duration.ofDays(7);
    public static final Duration DEFAULT_PENDING_AUTHORIZATION_LIFETIME = Duration.ofDays(7);
    /**
     * How long a challenge token (the random value) may be answered: CP 002 §3.2.2.4, 10 days from issuance, inside
     * BR 3.2.2.4's 30 days. A token lives as long as its pending authorization, which cannot be answered once
     * expired, so the pending lifetime is bounded by this.
     */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofDays(10);
    /** BR 1.6.1 "Random Value" and 3.2.2.4: never more than 30 days, whatever a CP says. */
    static final Duration BR_MAX_RANDOM_VALUE_LIFETIME = Duration.ofDays(30);
    public static final String DEFAULT_PROFILE = "dv";
    public static final Map<String, String> DEFAULT_PROFILES = Map.of("dv", "dv");
    public static final int DEFAULT_MAX_IDENTIFIERS_PER_ORDER = 100;
    public static final List<String> DEFAULT_CHALLENGE_TYPES =
            List.of(Challenge.HTTP_01, Challenge.DNS_01, Challenge.TLS_ALPN_01);
    public static final int DEFAULT_MAX_CONTACTS = 10;
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(90);

    public RaConfig {
        orderLifetime = positive(orderLifetime, DEFAULT_ORDER_LIFETIME, "orderLifetime");
        pendingAuthorizationLifetime = positive(
                pendingAuthorizationLifetime, DEFAULT_PENDING_AUTHORIZATION_LIFETIME, "pendingAuthorizationLifetime");
        if (pendingAuthorizationLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0
                || pendingAuthorizationLifetime.compareTo(BR_MAX_RANDOM_VALUE_LIFETIME) > 0) {
            throw new IllegalArgumentException("pendingAuthorizationLifetime is " + pendingAuthorizationLifetime.toDays()
                    + " days, but a challenge token may be answered for at most " + MAX_TOKEN_LIFETIME.toDays()
                    + " days (CP 002 §3.2.2.4; BR 3.2.2.4: at most 30)");
        }
        defaultProfile = defaultProfile == null ? DEFAULT_PROFILE : defaultProfile;
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles == null ? DEFAULT_PROFILES : profiles));
        if (!profiles.containsKey(defaultProfile)) {
            throw new IllegalArgumentException("defaultProfile \"" + defaultProfile + "\" is not in profiles " + profiles.keySet());
        }
        if (maxIdentifiersPerOrder < 1 || maxContacts < 0) {
            throw new IllegalArgumentException("maxIdentifiersPerOrder must be at least 1 and maxContacts at least 0");
        }
        challengeTypes = List.copyOf(challengeTypes == null ? DEFAULT_CHALLENGE_TYPES : challengeTypes);
        if (maxAuthorizationReuse != null) {
            positive(maxAuthorizationReuse, null, "maxAuthorizationReuse");
        }
        blockedNames = List.copyOf(blockedNames == null ? List.of() : blockedNames);
        validationTimeout = positive(validationTimeout, DEFAULT_VALIDATION_TIMEOUT, "validationTimeout");
    }

    /** Every default: a laptop sandbox without terms of service. */
    public static RaConfig defaults() {
        return new RaConfig(null, null, null, null, DEFAULT_MAX_IDENTIFIERS_PER_ORDER, null, true, null, null,
                DEFAULT_MAX_CONTACTS, null, null);
    }

    public RaConfig withTermsOfService(String url) {
        return new RaConfig(orderLifetime, pendingAuthorizationLifetime, defaultProfile, profiles,
                maxIdentifiersPerOrder, challengeTypes, reuseAuthorizations, maxAuthorizationReuse, url,
                maxContacts, blockedNames, validationTimeout);
    }

    public RaConfig withReuseAuthorizations(boolean reuse, Duration cap) {
        return new RaConfig(orderLifetime, pendingAuthorizationLifetime, defaultProfile, profiles,
                maxIdentifiersPerOrder, challengeTypes, reuse, cap, termsOfService, maxContacts, blockedNames,
                validationTimeout);
    }

    public RaConfig withBlockedNames(List<String> names) {
        return new RaConfig(orderLifetime, pendingAuthorizationLifetime, defaultProfile, profiles,
                maxIdentifiersPerOrder, challengeTypes, reuseAuthorizations, maxAuthorizationReuse, termsOfService,
                maxContacts, names, validationTimeout);
    }

    public RaConfig withProfiles(String defaultName, Map<String, String> acmeToCaProfile) {
        return new RaConfig(orderLifetime, pendingAuthorizationLifetime, defaultName, acmeToCaProfile,
                maxIdentifiersPerOrder, challengeTypes, reuseAuthorizations, maxAuthorizationReuse, termsOfService,
                maxContacts, blockedNames, validationTimeout);
    }

    private static Duration positive(Duration d, Duration fallback, String name) {
        Duration value = d == null ? fallback : d;
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
