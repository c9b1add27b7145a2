package dev.inkan.acme.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The URL of every ACME resource, as clients see them (RFC 8555 §7.1). One layout, used to route and to render. */
public final class AcmeUrls {
    public static final String DIRECTORY = "/directory";
    public static final String NEW_NONCE = "/acme/new-nonce";
    public static final String NEW_ACCOUNT = "/acme/new-account";
    public static final String NEW_ORDER = "/acme/new-order";
    public static final String REVOKE_CERT = "/acme/revoke-cert";
    public static final String KEY_CHANGE = "/acme/key-change";
    /** RFC 9773 §3: the renewalInfo resource; a certificate's window is at {@code <this>/<CertID>}. */
    public static final String RENEWAL_INFO = "/acme/renewal-info";
    static final String ACCOUNT_PREFIX = "/acme/acct/";

    private final String baseUrl;

    /** @param baseUrl scheme, host and port, without a trailing slash, e.g. {@code https://localhost:14000} */
    public AcmeUrls(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String absolute(String path) {
        return baseUrl + path;
    }

    public String directory() {
        return absolute(DIRECTORY);
    }

    public String account(String accountId) {
        return absolute(ACCOUNT_PREFIX + accountId);
    }

    public String orders(String accountId) {
        return account(accountId) + "/orders";
    }

    public String ordersPage(String accountId, String cursor) {
        return orders(accountId) + "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    public String order(String orderId) {
        return absolute("/acme/order/" + orderId);
    }

    public String authorization(String authorizationId) {
        return absolute("/acme/authz/" + authorizationId);
    }

    public String challenge(String authorizationId, String challengeId) {
        return absolute("/acme/chall/" + authorizationId + "/" + challengeId);
    }

    public String finalizeOrder(String orderId) {
        return absolute("/acme/finalize/" + orderId);
    }

    public String certificate(String serial) {
        return absolute("/acme/cert/" + serial);
    }

    public String renewalInfo(String certId) {
        return absolute(RENEWAL_INFO + "/" + certId);
    }

    public String issuer(String caId) {
        return absolute("/acme/issuer/" + caId);
    }

    /** The account id a JWS {@code kid} names, if the kid is one of our account URLs. */
    public Optional<String> accountIdOf(String kid) {
        String prefix = absolute(ACCOUNT_PREFIX);
        if (kid == null || !kid.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = kid.substring(prefix.length());
        return id.isEmpty() || id.contains("/") || id.contains("?") ? Optional.empty() : Optional.of(id);
    }
}
