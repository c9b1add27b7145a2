package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hex SHA-256 of an account key's DER SubjectPublicKeyInfo, the name the compromised-key blocklist knows keys
 * by (BR 6.1.1.3 (4)), computed from the JWK the account registered (RSA, EC P-256/P-384, Ed25519).
 */
public final class JwkSubjectPublicKeyInfo {
    private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1",
            "P-521", "secp521r1");
    /** RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JwkSubjectPublicKeyInfo() {}

    public static String sha256Hex(String jwkJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(new JsonObject(jwkJson))));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException(ErrorKind.BAD_PUBLIC_KEY, "the account key is not a usable JWK: " + e.getMessage());
        }
    }

    /** The DER SubjectPublicKeyInfo of the JWK, for the subscriber key policy. */
    public static byte[] der(String jwkJson) {
        try {
            return der(new JsonObject(jwkJson));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException(ErrorKind.BAD_PUBLIC_KEY, "the account key is not a usable JWK: " + e.getMessage());
        }
    }

    static byte[] der(JsonObject jwk) throws GeneralSecurityException {
        String kty = jwk.getString("kty", "");
        switch (kty) {
            case "RSA":
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        unsigned(jwk.getString("n")), unsigned(jwk.getString("e")))).getEncoded();
            case "EC": {
                String curve = CURVES.get(jwk.getString("crv", ""));
                if (curve == null) {
                    throw new GeneralSecurityException("unsupported curve " + jwk.getString("crv"));
                }
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(curve));
                ECPoint w = new ECPoint(unsigned(jwk.getString("x")), unsigned(jwk.getString("y")));
                return KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(w, params.getParameterSpec(ECParameterSpec.class))).getEncoded();
            }
            case "OKP": {
                byte[] x = Base64.getUrlDecoder().decode(jwk.getString("x"));
                if (!"Ed25519".equals(jwk.getString("crv")) || x.length != 32) {
                    throw new GeneralSecurityException("only Ed25519 OKP keys are accepted");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(ED25519_PREFIX);
                out.writeBytes(x);
                return out.toByteArray();
            }
            default:
                throw new GeneralSecurityException("unsupported key type \"" + kty + "\"");
        }
    }

    private static BigInteger unsigned(String b64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(b64url));
    }
}
