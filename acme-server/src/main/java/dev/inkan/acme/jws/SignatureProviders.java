package dev.inkan.acme.jws;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;

/**
 * Which JCA provider verifies which JWS signatures, and with which key object. Measured on the bench machine (JDK 17,
 * Bouncy Castle 1.86, CPU time per ES256 verification after warm-up, docs/performance.md): SunEC about 850 µs;
 * Bouncy Castle about 170 µs when handed the JDK's key, because it converts the key and its curve's generator anew
 * each time and so recomputes both points' precomputed multiples; about 70 µs when handed a key of its own kept
 * between verifications (the account-key cache keeps it), since the multiples live on the point objects. RSA-2048
 * takes about 0.05 ms in the JDK and stays there.
 */
final class SignatureProviders {
    private static final Provider BC = bouncyCastle();
    /** For ES256, ES384 and ES512. */
    static final ProviderContext EC = ecContext();

    private SignatureProviders() {}

    /**
     * The key JWS signatures are verified with: an EC key becomes Bouncy Castle's own (its named curve's shared
     * parameters, its point checked on the curve once); any other key is returned as it is.
     */
    static PublicKey verificationKey(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException e) {
            // a curve Bouncy Castle cannot name: the JDK's key, converted per verification as before
            return key;
        }
    }

    private static Provider bouncyCastle() {
        // added at the lowest priority: nothing that names no provider changes
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        return Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    private static ProviderContext ecContext() {
        ProviderContext context = new ProviderContext();
        context.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        context.getGeneralProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        return context;
    }
}
