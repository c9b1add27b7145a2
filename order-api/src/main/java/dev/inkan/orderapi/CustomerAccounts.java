package dev.inkan.orderapi;

import dev.inkan.core.model.Account;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import io.vertx.core.Future;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * Each customer gets an RA account of its own, made through the RA's newAccount like any ACME account, so that its
 * authorizations, orders and certificates are its own. The account key is a fresh P-256 key whose private half is
 * dropped at once: nobody can act for the account over ACME; only the API, through the RA, can. An OV customer's
 * account is bound, as an ACME account created with External Account Binding is, by the key vetting issued to its
 * organization; the RA then gives its OV orders the organization's subject, and refuses them once the key or the
 * organization is suspended or the vetting is too old.
 */
final class CustomerAccounts {
    private final RegistrationAuthority ra;

    CustomerAccounts(RegistrationAuthority ra) {
        this.ra = ra;
    }

    /** @param eabKeyId the External Account Binding key the account is bound by (an OV customer), or null */
    Future<Account> create(String eabKeyId) {
        String jwk;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
            // RFC 7638 §3.2: the required members in lexicographic order, no whitespace
            jwk = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + coordinate(key.getW().getAffineX()) + "\",\"y\":\""
                    + coordinate(key.getW().getAffineY()) + "\"}";
        } catch (GeneralSecurityException e) {
            return Future.failedFuture(new IllegalStateException("P-256 is part of every JDK", e));
        }
        String thumbprint = b64(sha256(jwk));
        // The reseller agreed to the subscriber terms for its customer (CP 002 §4.1, §9.6.3).
        return ra.newAccount(new NewAccountRequest(jwk, thumbprint, List.of(), true, false, eabKeyId))
                .map(RegistrationAuthority.NewAccountResult::account);
    }

    private static String coordinate(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(b.length, 32);
        System.arraycopy(b, b.length - copy, fixed, 32 - copy, copy);
        return b64(fixed);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
