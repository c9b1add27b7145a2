package dev.inkan.app;

import dev.inkan.acme.AcmeServerConfig;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.ca.hsm.HsmConfig;
import dev.inkan.ca.hsm.KeyAlgorithm;
import dev.inkan.harness.HarnessConfig;
import dev.inkan.ra.RaConfig;
import dev.inkan.storage.StorageConfig;
import dev.inkan.validators.ValidatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded configuration turned into each module's own config record. Everything that can be wrong in
 * the file is reported here, at start-up, naming the key.
 *
 * @param harness the sandbox's mock DNS and management API, or null when the sandbox harness is off
 * @param issuance CT log list and submission pacing, crash recovery
 * @param revocation CRL, OCSP, ARI, the staff admin endpoint and subscriber emails
 * @param domainValidation the validation methods outside ACME: email confirmation page, RDAP/WHOIS, registrar TLDs
 * @param orderApi the reseller order API's listener and pacing
 * @param vetting the OV applicant portal, the staff console and the corporate-number registry
 * @param operations metrics and health listener, request log format, role
 */
record Settings(
        Path home,
        StorageConfig storage,
        HsmConfig hsm,
        CeremonyConfig ceremony,
        Listener acmeListener,
        AcmeServerConfig acme,
        Listener publicListener,
        String publicBaseUrl,
        ValidatorConfig validation,
        RaConfig ra,
        HarnessConfig harness,
        IssuanceSettings issuance,
        RevocationSettings revocation,
        PerspectiveSettings perspectives,
        String profile,
        AcmeTls acmeTls,
        DomainValidationSettings domainValidation,
        OrderApiSettings orderApi,
        ValidationLimits validationLimits,
        ListenerLimits listenerLimits,
        dev.inkan.ra.limit.RateLimitConfig rateLimits,
        VettingSettings vetting,
        OperationsSettings operations) {
    /** Where the ACME listener serves the sandbox terms of service. */
    static final String TERMS_PATH = "/terms";

    /** A host and port to bind; the sandbox binds 127.0.0.1 only. */
    record Listener(String host, int port) {
        static Listener parse(String key, String value) {
            int cut = value.lastIndexOf(':');
            if (cut <= 0) {
                throw new IllegalArgumentException(key + " must be host:port, not \"" + value + "\"");
            }
            try {
                return new Listener(value.substring(0, cut), Integer.parseInt(value.substring(cut + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " has a bad port: \"" + value + "\"");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * How the ACME listener speaks TLS: a configured certificate chain and key (PEM files), plain HTTP behind a
     * TLS-terminating proxy, or (neither) the sandbox TLS certificate made in {@code INKAN_HOME/tls}.
     */
    record AcmeTls(String certPem, String keyPem, boolean plainHttpBehindProxy) {
        boolean configured() {
            return !certPem.isBlank() && !keyPem.isBlank();
        }

        boolean sandbox() {
            return !configured() && !plainHttpBehindProxy;
        }

        static AcmeTls from(JsonObject a) {
            String cert = a.getString("tlsCert", "").trim();
            String key = a.getString("tlsKey", "").trim();
            if (cert.isEmpty() != key.isEmpty()) {
                throw new IllegalArgumentException("acme.tlsCert and acme.tlsKey go together: set both or neither");
            }
            return new AcmeTls(cert, key, a.getBoolean("plainHttpBehindProxy", false));
        }
    }

    /**
     * How much validation runs at once: threads for blocking validation I/O, validations in flight overall and per
     * account, and how long one waits for a turn before it is answered rateLimited.
     */
    record ValidationLimits(int workers, int overall, int perAccount, Duration maxWait) {
        static ValidationLimits from(JsonObject v) {
            ValidationLimits l = new ValidationLimits(v.getInteger("workers", 16), v.getInteger("maxConcurrent", 64),
                    v.getInteger("maxConcurrentPerAccount", 8), Duration.ofSeconds(v.getLong("maxWaitSeconds", 60L)));
            if (l.workers < 1 || l.overall < 1 || l.perAccount < 1 || l.maxWait.isNegative() || l.maxWait.isZero()) {
                throw new IllegalArgumentException("validation.workers, maxConcurrent, maxConcurrentPerAccount and"
                        + " maxWaitSeconds must be at least 1");
            }
            return l;
        }
    }

    boolean production() {
        return ProductionProfile.PRODUCTION.equals(profile);
    }

    static Settings from(JsonObject c) {
        Path home = Path.of(c.getString("home"));
        JsonObject acme = c.getJsonObject("acme");
        JsonObject pub = c.getJsonObject("publicHttp");
        String publicBaseUrl = pub.getString("baseUrl");
        // Unset, the terms and the website are the sandbox pages the ACME listener serves itself.
        String acmeBase = acme.getString("baseUrl").replaceAll("/+$", "");
        String tos = orDefault(acme.getString("termsOfService"), acmeBase + TERMS_PATH);
        return new Settings(
                home,
                storage(c.getJsonObject("storage"), home),
                hsm(c.getJsonObject("hsm"), home),
                ceremony(c.getJsonObject("ceremony"), home, publicBaseUrl),
                Listener.parse("acme.listen", acme.getString("listen")),
                acme(acme, tos),
                Listener.parse("publicHttp.listen", pub.getString("listen")),
                publicBaseUrl,
                validation(c.getJsonObject("validation")),
                ra(c.getJsonObject("ra"), tos),
                harness(c.getJsonObject("sandbox")),
                IssuanceSettings.from(c.getJsonObject("issuance")),
                RevocationSettings.from(c.getJsonObject("revocation"), c.getJsonObject("notification")),
                PerspectiveSettings.from(c.getJsonObject("validation"), c.getJsonObject("perspective")),
                ProductionProfile.of(c),
                AcmeTls.from(acme),
                DomainValidationSettings.from(c.getJsonObject("validation"), c.getJsonObject("ra"), home, acmeBase),
                OrderApiSettings.from(c.getJsonObject("orderApi"), acme.getString("baseUrl"),
                        c.getJsonObject("sandbox").getBoolean("harness", false)),
                ValidationLimits.from(c.getJsonObject("validation")),
                ListenerLimits.from(c.getJsonObject("listeners")),
                RateLimitSettings.from(c.getJsonObject("rateLimits"),
                        ProductionProfile.PRODUCTION.equals(ProductionProfile.of(c))),
                VettingSettings.from(c.getJsonObject("vetting")),
                OperationsSettings.from(c.getJsonObject("operations")));
    }

    Settings withRole(Role role) {
        return new Settings(home, storage, hsm, ceremony, acmeListener, acme, publicListener, publicBaseUrl, validation,
                ra, harness, issuance, revocation, perspectives, profile, acmeTls, domainValidation, orderApi,
                validationLimits, listenerLimits, rateLimits, vetting, operations.withRole(role));
    }

    Role role() {
        return Role.parse(operations.role());
    }

    Path caExportDir() {
        return home.resolve("ca");
    }

    private static StorageConfig storage(JsonObject s, Path home) {
        return new StorageConfig(blankToNull(s.getString("uri")), s.getString("database"),
                home.resolve("store/inkan.mv"), s.getInteger("embeddedPort", 0));
    }

    private static HsmConfig hsm(JsonObject h, Path home) {
        Path dir = home.resolve("softhsm");
        return new HsmConfig(Path.of(h.getString("library")), h.getString("tokenLabel"), h.getString("pin"),
                h.getString("soPin"), dir.resolve("softhsm2.conf"), dir.resolve("tokens"));
    }

    private static CeremonyConfig ceremony(JsonObject c, Path home, String publicBaseUrl) {
        KeyAlgorithm algorithm;
        try {
            algorithm = KeyAlgorithm.valueOf(c.getString("keyAlgorithm"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ceremony.keyAlgorithm must be RSA_2048 or EC_P256, not "
                    + c.getString("keyAlgorithm"));
        }
        return new CeremonyConfig(algorithm, c.getString("rootDn"), c.getString("dvDn"), c.getString("ovDn"),
                c.getString("dvOcspDn"), c.getString("ovOcspDn"),
                Duration.ofDays(c.getLong("rootValidityDays")), Duration.ofDays(c.getLong("issuingValidityDays")),
                Duration.ofDays(c.getLong("ocspValidityDays")), publicBaseUrl, c.getString("cpOid"),
                home.resolve("ca"));
    }

    private static AcmeServerConfig acme(JsonObject a, String tos) {
        Map<String, String> eab = new HashMap<>();
        JsonObject keys = a.getJsonObject("eabKeys", new JsonObject());
        keys.forEach(e -> eab.put(e.getKey(), String.valueOf(e.getValue())));
        return AcmeServerConfig.defaults(a.getString("baseUrl"))
                .withTermsOfService(tos)
                .withWebsite(orDefault(a.getString("website"), a.getString("baseUrl").replaceAll("/+$", "") + "/"))
                .withCaaIdentities(strings(a.getJsonArray("caaIdentities")))
                .withExternalAccountBinding(a.getBoolean("externalAccountRequired", false), eab)
                .withOrdersPageSize(a.getInteger("ordersPageSize", AcmeServerConfig.DEFAULT_ORDERS_PAGE_SIZE));
    }

    private static ValidatorConfig validation(JsonObject v) {
        ValidatorConfig d = ValidatorConfig.defaults(strings(v.getJsonArray("dnsResolvers")));
        return new ValidatorConfig(d.resolvers(), v.getInteger("http01Port"), v.getInteger("tlsPort"),
                v.getBoolean("allowPrivateAddresses"), d.dnsTimeout(), d.httpTimeout(), d.perspective(),
                v.getString("profile", ValidatorConfig.SANDBOX), v.getString("dnssecTrustAnchors", ""));
    }

    private static RaConfig ra(JsonObject r, String tos) {
        RaConfig d = RaConfig.defaults();
        return new RaConfig(Duration.ofDays(r.getLong("orderLifetimeDays")),
                Duration.ofDays(r.getLong("pendingAuthorizationLifetimeDays")),
                r.getString("defaultProfile", d.defaultProfile()), profiles(r.getJsonObject("profiles"), d.profiles()),
                d.maxIdentifiersPerOrder(), d.challengeTypes(), r.getBoolean("reuseAuthorizations"),
                d.maxAuthorizationReuse(), tos, d.maxContacts(), strings(r.getJsonArray("blockedNames")),
                Duration.ofSeconds(r.getLong("validationTimeoutSeconds", d.validationTimeout().toSeconds())));
    }

    /**
     * draft-ietf-acme-profiles: the ACME profiles offered, each mapped to the CA profile that issues it, in the
     * order the directory lists them. OV is offered only when configured (it needs organization vetting).
     */
    private static Map<String, String> profiles(JsonObject p, Map<String, String> fallback) {
        if (p == null || p.isEmpty()) {
            return fallback;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        p.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
        return m;
    }

    private static HarnessConfig harness(JsonObject s) {
        if (!s.getBoolean("harness", false)) {
            return null;
        }
        HarnessConfig d = HarnessConfig.defaults();
        return new HarnessConfig(HarnessConfig.Bind.parse(s.getString("dns")),
                HarnessConfig.Bind.parse(s.getString("management")), null,
                s.getString("defaultIPv4", d.defaultIPv4()), d.defaultIPv6());
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : a.stream().map(String::valueOf).toList();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
