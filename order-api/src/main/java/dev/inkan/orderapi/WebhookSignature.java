package dev.inkan.orderapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook POST: {@code Inkan-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC
 * keyed with the webhook secret (its UTF-8 bytes, as shown) over {@code <t>.<body>}. Signing the timestamp lets a
 * receiver refuse old replays; the format is Stripe's, which reseller integrations already know how to check.
 */
final class WebhookSignature {
    static final String HEADER = "Inkan-Signature";

    private WebhookSignature() {}

    static String header(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
