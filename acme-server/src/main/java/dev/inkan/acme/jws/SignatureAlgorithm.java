package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import java.util.Arrays;
import java.util.List;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The JWS algorithms an account may sign with (RFC 8555 §6.2: ES256 is required, "none" and MACs are
 * forbidden). Each fits exactly one key type, so a key cannot be used under another algorithm.
 */
public enum SignatureAlgorithm {
    ES256("ES256"),
    ES384("ES384"),
    RS256("RS256"),
    EDDSA("EdDSA");

    private static final List<String> NAMES = Arrays.stream(values()).map(a -> a.jwsName).toList();

    private final String jwsName;

    SignatureAlgorithm(String jwsName) {
        this.jwsName = jwsName;
    }

    /** The {@code alg} header value. */
    public String jwsName() {
        return jwsName;
    }

    /** Every accepted {@code alg}, as the badSignatureAlgorithm problem lists them. */
    public static List<String> names() {
        return NAMES;
    }

    /** The algorithm a protected header names; anything else (none, HS256, PS256...) is badSignatureAlgorithm. */
    public static SignatureAlgorithm of(Object alg) {
        for (SignatureAlgorithm a : values()) {
            if (a.jwsName.equals(alg)) {
                return a;
            }
        }
        String shown = alg instanceof String s ? "\"" + s + "\"" : "missing";
        throw Problems.badSignatureAlgorithm("JWS algorithm " + shown + " is not accepted; use one of " + NAMES, NAMES);
    }

    /** Refuses a key this algorithm does not sign with, e.g. ES256 over a P-384 key. */
    public void requireFits(AccountKey key) {
        if (!fits(key.jwk())) {
            throw Problems.badSignatureAlgorithm(
                    "JWS algorithm " + jwsName + " does not fit a " + key.describe() + " key", NAMES);
        }
    }

    private boolean fits(PublicJsonWebKey jwk) {
        return switch (this) {
            case ES256 -> jwk instanceof EllipticCurveJsonWebKey ec && "P-256".equals(ec.getCurveName());
            case ES384 -> jwk instanceof EllipticCurveJsonWebKey ec && "P-384".equals(ec.getCurveName());
            case RS256 -> jwk instanceof RsaJsonWebKey;
            case EDDSA -> jwk instanceof OctetKeyPairJsonWebKey okp && "Ed25519".equals(okp.getSubtype());
        };
    }
}
