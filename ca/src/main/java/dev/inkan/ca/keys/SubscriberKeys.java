package dev.inkan.ca.keys;

import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.BlockedKeys;
import dev.inkan.core.port.SubscriberKeyPolicy;
import io.vertx.core.Future;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Every check a subscriber key passes before anything is signed for it (BR 6.1.1.3, 6.1.5, 6.1.6): the one subscriber
 * key policy the RA applied at finalize, asked again here in front of the signature, then the compromised-key
 * blocklist.
 */
public final class SubscriberKeys {
    private final SubscriberKeyPolicy policy;
    private final BlockedKeys blocked;

    public SubscriberKeys(SubscriberKeyPolicy policy, BlockedKeys blocked) {
        this.policy = policy;
        this.blocked = blocked;
    }

    /** The parsed key, or a failed future with CaException(BAD_PUBLIC_KEY) naming the reason. */
    public Future<SubjectPublicKeyInfo> check(byte[] spkiDer) {
        SubjectPublicKeyInfo spki;
        try {
            policy.check(spkiDer, SubscriberKeyPolicy.Use.CERTIFICATE);
            spki = SubjectPublicKeyInfo.getInstance(spkiDer);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return blocked.isBlocked(KeyIdentifiers.spkiSha256(spkiDer)).compose(isBlocked -> isBlocked
                // BR 6.1.1.3 (4): the CA was told of this key's compromise
                ? Future.failedFuture(new CaException(ErrorKind.BAD_PUBLIC_KEY,
                        "this public key is on the CA's compromised-key blocklist (BR 6.1.1.3); generate a new key"))
                : Future.succeededFuture(spki));
    }
}
