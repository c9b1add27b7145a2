package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import io.vertx.core.json.JsonObject;
import java.security.PublicKey;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * A public key as ACME names it: the JWK, its public JSON form (what the account stores) and its
 * RFC 7638 SHA-256 thumbprint, base64url (what identifies the account and goes into key authorizations).
 *
 * @param verificationKey the key JWS signatures are verified with: for EC keys the same key made once as Bouncy
 *                        Castle's own, which keeps the precomputed multiples of its point between verifications
 *                        ({@link SignatureProviders}); otherwise the JWK's key
 */
public record AccountKey(PublicJsonWebKey jwk, String json, String thumbprint, PublicKey verificationKey) {
    static final int MIN_RSA_BITS = 2048;
    // a ceiling keeps one request from buying minutes of CPU with a giant modulus
    static final int MAX_RSA_BITS = 8192;

    /** A key offered by a client: it must meet our key policy (badPublicKey otherwise). */
    public static AccountKey fromJwk(JsonObject jwk) {
        AccountKey key = parse(jwk);
        key.requireAcceptable();
        return key;
    }

    /** A key as given, without the policy check: an old key being replaced, an EAB payload. */
    public static AccountKey parse(JsonObject jwk) {
        return parse(jwk.encode());
    }

    /** A key as an account stores it. */
    public static AccountKey fromStored(String json) {
        return parse(json);
    }

    private static AccountKey parse(String json) {
        JsonWebKey parsed;
        try {
            Map<String, Object> members = JsonUtil.parseJson(json);
            parsed = JsonWebKey.Factory.newJwk(members);
        } catch (JoseException | RuntimeException e) {
            throw Problems.malformed("the jwk is not a valid JSON Web Key: " + e.getMessage());
        }
        if (!(parsed instanceof PublicJsonWebKey pub)) {
            throw Problems.badPublicKey("a symmetric key (kty " + parsed.getKeyType() + ") cannot be an account key");
        }
        if (pub.getPrivateKey() != null) {
            throw Problems.malformed("the jwk contains private key material; send only the public key");
        }
        try {
            String thumbprint = pub.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            return new AccountKey(pub, pub.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), thumbprint,
                    SignatureProviders.verificationKey(pub.getPublicKey()));
        } catch (RuntimeException e) {
            throw Problems.malformed("the jwk is not a valid JSON Web Key: " + e.getMessage());
        }
    }

    public PublicKey publicKey() {
        return jwk.getPublicKey();
    }

    public JsonObject toJson() {
        return new JsonObject(json);
    }

    /** Short description for problem details, e.g. {@code RSA 1024-bit}, {@code EC P-384}. */
    public String describe() {
        if (jwk instanceof RsaJsonWebKey rsa) {
            return "RSA " + rsa.getRsaPublicKey().getModulus().bitLength() + "-bit";
        }
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            return "EC " + ec.getCurveName();
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            return "OKP " + okp.getSubtype();
        }
        return jwk.getKeyType();
    }

    // RFC 8555 §6.2 leaves key strength to the server: RSA >= 2048 bits, EC on P-256 or P-384, Ed25519
    private void requireAcceptable() {
        if (jwk instanceof RsaJsonWebKey rsa) {
            int bits = rsa.getRsaPublicKey().getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw Problems.badPublicKey("the RSA key has " + bits + " bits; account keys need "
                        + MIN_RSA_BITS + " to " + MAX_RSA_BITS);
            }
            return;
        }
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            if (!"P-256".equals(ec.getCurveName()) && !"P-384".equals(ec.getCurveName())) {
                throw Problems.badPublicKey("EC account keys must be on P-256 or P-384, not " + ec.getCurveName());
            }
            return;
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp && "Ed25519".equals(okp.getSubtype())) {
            return;
        }
        throw Problems.badPublicKey("a " + describe() + " key cannot be an account key; use RSA, P-256, P-384 or Ed25519");
    }
}
