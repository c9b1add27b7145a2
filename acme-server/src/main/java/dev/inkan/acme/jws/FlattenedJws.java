package dev.inkan.acme.jws;

import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.Base64Url;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * A JWS in the flattened JSON serialization (RFC 7515 §7.2.2), the only one ACME allows (RFC 8555 §6.2),
 * with its protected header and payload decoded.
 *
 * @param payload the decoded payload; empty for POST-as-GET (RFC 8555 §6.3)
 */
public record FlattenedJws(String protectedPart, String payloadPart, String signaturePart, JsonObject header, String payload) {

    public static FlattenedJws parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Problems.malformed("the request body is empty; it must be a JWS in flattened JSON serialization");
        }
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (RuntimeException e) {
            throw Problems.malformed("the request body is not a JSON object; it must be a JWS in flattened JSON "
                    + "serialization (RFC 8555 §6.2)");
        }
        return parse(json);
    }

    public static FlattenedJws parse(JsonObject json) {
        if (json.containsKey("signatures")) {
            throw Problems.malformed("the general JWS JSON serialization is not allowed; use the flattened one (RFC 8555 §6.2)");
        }
        if (json.containsKey("header")) {
            throw Problems.malformed("a JWS unprotected header is not allowed (RFC 8555 §6.2)");
        }
        String protectedPart = member(json, "protected");
        String payloadPart = member(json, "payload");
        String signaturePart = member(json, "signature");
        JsonObject header = decodeHeader(protectedPart);
        if (header.containsKey("b64")) {
            throw Problems.malformed("the JWS Unencoded Payload Option (\"b64\", RFC 7797) must not be used (RFC 8555 §6.2)");
        }
        String payload = new String(decode(payloadPart, "payload"), StandardCharsets.UTF_8);
        return new FlattenedJws(protectedPart, payloadPart, signaturePart, header, payload);
    }

    /** True when the signature verifies with this key under exactly this algorithm. */
    public boolean verifies(Key key, String algorithm, boolean validateKey) {
        JsonWebSignature jws = new JsonWebSignature();
        if (key instanceof ECPublicKey) {
            jws.setProviderContext(SignatureProviders.EC);
        }
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm));
        jws.setDoKeyValidation(validateKey);
        try {
            jws.setCompactSerialization(protectedPart + "." + payloadPart + "." + signaturePart);
            jws.setKey(key);
            return jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    public boolean hasEmptyPayload() {
        return payload.isEmpty();
    }

    /** The payload as a JSON object; anything else, the empty payload included, is malformed. */
    public JsonObject payloadJson() {
        return jsonObjectPayload(payload);
    }

    static JsonObject jsonObjectPayload(String payload) {
        try {
            Object value = Json.decodeValue(payload);
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (RuntimeException e) {
            // fall through to the problem below
        }
        throw Problems.malformed("the JWS payload must be a JSON object");
    }

    private static String member(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value instanceof String s) {
            return s;
        }
        throw Problems.malformed("the JWS has no \"" + name + "\" string; use the flattened JSON serialization");
    }

    private static JsonObject decodeHeader(String protectedPart) {
        byte[] bytes = decode(protectedPart, "protected header");
        try {
            return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw Problems.malformed("the JWS protected header is not a JSON object");
        }
    }

    private static byte[] decode(String part, String what) {
        return Base64Url.decode(part)
                .orElseThrow(() -> Problems.malformed("the JWS " + what + " is not base64url without padding"));
    }
}
