package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.RegistrationAuthority.NewAccountResult;
import dev.inkan.core.port.SubscriberKeyPolicy;
import dev.inkan.ra.policy.ContactPolicy;
import dev.inkan.ra.policy.JwkSubjectPublicKeyInfo;
import io.vertx.core.Future;
import java.util.Map;

/** RFC 8555 §7.3, §7.3.1: create an account, or find the one that already holds this key. */
public final class NewAccountOperation {
    private final OperationContext ctx;
    private final ContactPolicy contacts;
    private final StatusLink status;
    private final SubscriberKeyPolicy keys;

    public NewAccountOperation(OperationContext ctx, ContactPolicy contacts, StatusLink status,
            SubscriberKeyPolicy keys) {
        this.ctx = ctx;
        this.contacts = contacts;
        this.status = status;
        this.keys = keys;
    }

    /**
     * An account key passes the one subscriber key policy (weak and Debian keys included, BR 6.1.1.3 (5)) and is not
     * on the compromised-key blocklist (BR 6.1.1.3 (4)), as Boulder checks account keys.
     */
    static Future<Void> acceptable(StatusLink status, SubscriberKeyPolicy keys, String keyJwk) {
        try {
            keys.check(JwkSubjectPublicKeyInfo.der(keyJwk), SubscriberKeyPolicy.Use.ACCOUNT);
        } catch (CaException e) {
            return Future.failedFuture(e);
        }
        String spki = JwkSubjectPublicKeyInfo.sha256Hex(keyJwk);
        return status.services().blockedKeys().isBlocked(spki).map(blocked -> {
            if (blocked) {
                throw new CaException(ErrorKind.BAD_PUBLIC_KEY, "the key is on the blocklist of compromised keys"
                        + " (BR 6.1.1.3 (4)); use a new key");
            }
            return null;
        });
    }

    public Future<NewAccountResult> run(NewAccountRequest request) {
        return ctx.accounts().byThumbprint(request.keyThumbprint()).compose(existing -> {
            if (existing.isPresent()) {
                return Future.succeededFuture(existingResult(existing.get()));
            }
            if (request.onlyReturnExisting()) {
                throw new CaException(ErrorKind.ACCOUNT_DOES_NOT_EXIST, "no account exists with this key");
            }
            return acceptable(status, keys, request.keyJwk()).compose(v -> create(request));
        });
    }

    /** RFC 8555 §7.3.1: a known key gets its account back, whatever else the request said. */
    private static NewAccountResult existingResult(Account account) {
        if (account.status() != AccountStatus.VALID) {
            // RFC 8555 §7.3.6: requests signed with a deactivated account's key are refused
            throw new CaException(ErrorKind.UNAUTHORIZED, "the account with this key is " + account.status().wire());
        }
        return new NewAccountResult(account, false);
    }

    private Future<NewAccountResult> create(NewAccountRequest request) {
        String terms = ctx.config().termsOfService();
        if (terms != null && !request.termsAgreed()) {
            // RFC 8555 §7.3 leaves the type open; malformed, as Boulder and Pebble answer
            throw new CaException(ErrorKind.MALFORMED,
                    "you must agree to the terms of service at " + terms + " (termsOfServiceAgreed: true)");
        }
        Account account = new Account(RandomTokens.id(), request.keyJwk(), request.keyThumbprint(),
                contacts.check(request.contacts()), AccountStatus.VALID, request.termsAgreed(),
                request.eabKeyId(), ctx.now());
        return ctx.accounts().insert(account)
                .compose(stored -> audited(stored).map(v -> new NewAccountResult(stored, true)))
                .recover(t -> raceLost(t, request));
    }

    /** Two requests with one new key raced; the unique key index let one in, the other gets that account. */
    private Future<NewAccountResult> raceLost(Throwable t, NewAccountRequest request) {
        if (!(t instanceof CaException e) || e.kind() != ErrorKind.CONFLICT) {
            return Future.failedFuture(t);
        }
        return ctx.accounts().byThumbprint(request.keyThumbprint()).map(found -> existingResult(
                found.orElseThrow(() -> new CaException(ErrorKind.CONFLICT, "the account key is in use; retry"))));
    }

    private Future<Void> audited(Account account) {
        return ctx.audit().record("account.created", AuditTrail.account(account.id()), account.id(), Map.of(
                "keyThumbprint", account.keyThumbprint(),
                "contacts", String.valueOf(account.contacts().size()),
                "termsAgreed", String.valueOf(account.termsAgreed()),
                "eabKeyId", String.valueOf(account.eabKeyId())));
    }
}
