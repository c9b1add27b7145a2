package dev.inkan.ca.keys;

import dev.inkan.ca.KeyIdentifiers;
import dev.inkan.ca.profile.SubscriberKeyCheck;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.BlockedKeys;
import io.vertx.core.Future;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Every check a subscriber key passes before anything is signed for it (BR 6.1.1.3, 6.1.5, 6.1.6): type, size
 * and weak-key checks ({@link SubscriberKeyCheck}), then the compromised-key blocklist.
 */
public final class SubscriberKeys {
    private final BlockedKeys blocked;

    public SubscriberKeys(BlockedKeys blocked) {
        this.blocked = blocked;
    }

    /** The parsed key, or a failed future with CaException(BAD_PUBLIC_KEY) naming the reason. */
    public Future<SubjectPublicKeyInfo> check(byte[] spkiDer) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubscriberKeyCheck.check(spkiDer);
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
