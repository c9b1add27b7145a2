package dev.inkan.acme;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/** Builds a flattened JWS the way an ACME client does, including the wrong ways tests need. */
public final class TestJws {
    private final Key signingKey;
    private final PublicJsonWebKey jwk;
    private String alg;
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private String payload = "";

    private TestJws(Key signingKey, PublicJsonWebKey jwk, String alg) {
        this.signingKey = signingKey;
        this.jwk = jwk;
        this.alg = alg;
    }

    /** Signed with the private half of {@code key} under its usual algorithm. */
    public static TestJws signedBy(PublicJsonWebKey key) {
        return new TestJws(key.getPrivateKey(), key, defaultAlg(key));
    }

    /** MACed with {@code key} (HS256 etc.), for EAB and for the refusal of MAC algorithms. */
    public static TestJws macedWith(Key key, String alg) {
        return new TestJws(key, null, alg);
    }

    public static PublicJsonWebKey ecKey() {
        return generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P256));
    }

    public static PublicJsonWebKey ecP384Key() {
        return generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P384));
    }

    public static PublicJsonWebKey ecP521Key() {
        return generate(() -> EcJwkGenerator.generateJwk(EllipticCurves.P521));
    }

    public static PublicJsonWebKey rsaKey(int bits) {
        return generate(() -> RsaJwkGenerator.generateJwk(bits));
    }

    public static PublicJsonWebKey ed25519Key() {
        return generate(() -> OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519));
    }

    public TestJws alg(String value) {
        this.alg = value;
        return this;
    }

    public TestJws url(String value) {
        return header("url", value);
    }

    public TestJws nonce(String value) {
        return header("nonce", value);
    }

    public TestJws kid(String value) {
        return header("kid", value);
    }

    /** Embeds the signing key's public JWK. */
    public TestJws jwk() {
        return header("jwk", jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** Embeds some other public JWK. */
    public TestJws jwk(PublicJsonWebKey other) {
        return header("jwk", other.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    public TestJws header(String name, Object value) {
        headers.put(name, value);
        return this;
    }

    public boolean has(String header) {
        return headers.containsKey(header);
    }

    public TestJws payload(String value) {
        this.payload = value;
        return this;
    }

    public TestJws payload(JsonObject value) {
        return payload(value.encode());
    }

    public JsonObject flattenedJson() {
        if ("none".equals(alg)) {
            Map<String, Object> h = new LinkedHashMap<>(headers);
            h.put("alg", "none");
            return new JsonObject()
                    .put("protected", b64(new JsonObject(h).encode()))
                    .put("payload", b64(payload))
                    .put("signature", "");
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        jws.setAlgorithmHeaderValue(alg);
        headers.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
        jws.setPayload(payload);
        jws.setKey(signingKey);
        try {
            String[] parts = jws.getCompactSerialization().split("\\.", -1);
            return new JsonObject().put("protected", parts[0]).put("payload", parts[1]).put("signature", parts[2]);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String flattened() {
        return flattenedJson().encode();
    }

    /** The compact serialization, which ACME refuses. */
    public String compact() {
        JsonObject f = flattenedJson();
        return f.getString("protected") + "." + f.getString("payload") + "." + f.getString("signature");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String defaultAlg(PublicJsonWebKey key) {
        return switch (key.getKeyType()) {
            case "RSA" -> "RS256";
            case "OKP" -> "EdDSA";
            default -> ((EllipticCurveJsonWebKey) key).getCurveName().equals("P-384") ? "ES384" : "ES256";
        };
    }

    private interface KeyMaker {
        PublicJsonWebKey make() throws JoseException;
    }

    private static PublicJsonWebKey generate(KeyMaker maker) {
        try {
            return maker.make();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
