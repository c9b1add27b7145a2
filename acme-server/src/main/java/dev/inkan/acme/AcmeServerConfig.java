package dev.inkan.acme;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ACME front end needs to know. Every field but {@code baseUrl} has a default that works on a laptop.
 *
 * @param baseUrl                 scheme, host and port clients reach us at, without a path, e.g.
 *                                {@code https://localhost:14000}; JWS urls are checked against it
 * @param termsOfService          the directory's meta.termsOfService URL, or null for none; when set, new
 *                                accounts must agree to it
 * @param website                 the directory's meta.website, or null
 * @param caaIdentities           the CAA issuer domain names (directory meta.caaIdentities)
 * @param externalAccountRequired RFC 8555 §7.3.4: new accounts must carry an external account binding
 * @param eabMacKeys              EAB MAC keys (base64url) by key id
 * @param ordersPageSize          orders per page of an account's orders list
 * @param maxBodyBytes            the largest request body accepted (larger: 413)
 * @param nonceLifetime           how long a nonce stays redeemable
 */
public record AcmeServerConfig(
        String baseUrl,
        String termsOfService,
        String website,
        List<String> caaIdentities,
        boolean externalAccountRequired,
        Map<String, String> eabMacKeys,
        int ordersPageSize,
        int maxBodyBytes,
        Duration nonceLifetime) {
    public static final List<String> DEFAULT_CAA_IDENTITIES = List.of("jprs.jp");
    public static final int DEFAULT_ORDERS_PAGE_SIZE = 50;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofHours(1);

    public AcmeServerConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(baseUrl);
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("baseUrl must be scheme://host[:port] without a path, not " + baseUrl);
        }
        caaIdentities = caaIdentities == null ? DEFAULT_CAA_IDENTITIES : List.copyOf(caaIdentities);
        eabMacKeys = eabMacKeys == null ? Map.of() : Map.copyOf(eabMacKeys);
        ordersPageSize = ordersPageSize > 0 ? ordersPageSize : DEFAULT_ORDERS_PAGE_SIZE;
        maxBodyBytes = maxBodyBytes > 0 ? maxBodyBytes : DEFAULT_MAX_BODY_BYTES;
        nonceLifetime = nonceLifetime == null || nonceLifetime.isNegative() || nonceLifetime.isZero()
                ? DEFAULT_NONCE_LIFETIME
                : nonceLifetime;
    }

    /** Every default, no terms of service, no website, no EAB. */
    public static AcmeServerConfig defaults(String baseUrl) {
        return new AcmeServerConfig(baseUrl, null, null, null, false, null, 0, 0, null);
    }

    public AcmeServerConfig withTermsOfService(String url) {
        return new AcmeServerConfig(baseUrl, url, website, caaIdentities, externalAccountRequired, eabMacKeys,
                ordersPageSize, maxBodyBytes, nonceLifetime);
    }

    public AcmeServerConfig withWebsite(String url) {
        return new AcmeServerConfig(baseUrl, termsOfService, url, caaIdentities, externalAccountRequired, eabMacKeys,
                ordersPageSize, maxBodyBytes, nonceLifetime);
    }

    public AcmeServerConfig withCaaIdentities(List<String> identities) {
        return new AcmeServerConfig(baseUrl, termsOfService, website, identities, externalAccountRequired, eabMacKeys,
                ordersPageSize, maxBodyBytes, nonceLifetime);
    }

    public AcmeServerConfig withExternalAccountBinding(boolean required, Map<String, String> macKeysByKid) {
        return new AcmeServerConfig(baseUrl, termsOfService, website, caaIdentities, required, macKeysByKid,
                ordersPageSize, maxBodyBytes, nonceLifetime);
    }

    public AcmeServerConfig withOrdersPageSize(int size) {
        return new AcmeServerConfig(baseUrl, termsOfService, website, caaIdentities, externalAccountRequired,
                eabMacKeys, size, maxBodyBytes, nonceLifetime);
    }

    public AcmeServerConfig withMaxBodyBytes(int bytes) {
        return new AcmeServerConfig(baseUrl, termsOfService, website, caaIdentities, externalAccountRequired,
                eabMacKeys, ordersPageSize, bytes, nonceLifetime);
    }

    public AcmeServerConfig withNonceLifetime(Duration lifetime) {
        return new AcmeServerConfig(baseUrl, termsOfService, website, caaIdentities, externalAccountRequired,
                eabMacKeys, ordersPageSize, maxBodyBytes, lifetime);
    }
}
