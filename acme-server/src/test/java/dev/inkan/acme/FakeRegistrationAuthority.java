package dev.inkan.acme;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Just enough of an RA to drive the wire layer: it writes straight into {@link InMemoryAcmeData}, records what
 * it was asked, and can be told to fail its next call.
 */
public final class FakeRegistrationAuthority implements RegistrationAuthority {
    private final InMemoryAcmeData data;
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicReference<Throwable> nextFailure = new AtomicReference<>();
    /** Every call, by method name, in order. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final AtomicReference<NewAccountRequest> lastNewAccount = new AtomicReference<>();
    public final AtomicReference<NewOrderRequest> lastNewOrder = new AtomicReference<>();
    public final AtomicReference<RevocationRequest> lastRevocation = new AtomicReference<>();
    public final AtomicReference<ChallengeResponse> lastChallengeResponse = new AtomicReference<>();
    public final AtomicReference<byte[]> lastCsr = new AtomicReference<>();

    public FakeRegistrationAuthority(InMemoryAcmeData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    /** The next call fails with this instead of doing anything. */
    public void failNextWith(Throwable failure) {
        nextFailure.set(failure);
    }

    public String nextId(String prefix) {
        return prefix + String.format("%04d", ids.incrementAndGet());
    }

    @Override
    public Future<NewAccountResult> newAccount(NewAccountRequest request) {
        return call("newAccount", () -> {
            lastNewAccount.set(request);
            var existing = data.accountByThumbprint(request.keyThumbprint());
            if (existing.isPresent()) {
                return new NewAccountResult(existing.get(), false);
            }
            if (request.onlyReturnExisting()) {
                throw new CaException(ErrorKind.ACCOUNT_DOES_NOT_EXIST, "no account for this key");
            }
            Account account = new Account(nextId("acct"), request.keyJwk(), request.keyThumbprint(),
                    request.contacts(), AccountStatus.VALID, request.termsAgreed(), request.eabKeyId(), clock.instant());
            data.put(account);
            return new NewAccountResult(account, true);
        });
    }

    @Override
    public Future<Account> updateAccount(String accountId, List<String> contacts) {
        return call("updateAccount", () -> {
            Account updated = data.accounts.get(accountId).withContacts(contacts);
            data.put(updated);
            return updated;
        });
    }

    @Override
    public Future<Account> deactivateAccount(String accountId) {
        return call("deactivateAccount", () -> {
            Account updated = data.accounts.get(accountId).withStatus(AccountStatus.DEACTIVATED);
            data.put(updated);
            return updated;
        });
    }

    @Override
    public Future<Account> changeKey(String accountId, String newKeyJwk, String newKeyThumbprint) {
        return call("changeKey", () -> {
            Account updated = data.accounts.get(accountId).withKey(newKeyJwk, newKeyThumbprint);
            data.put(updated);
            return updated;
        });
    }

    @Override
    public Future<Order> newOrder(NewOrderRequest request) {
        return call("newOrder", () -> {
            lastNewOrder.set(request);
            List<String> authzIds = new ArrayList<>();
            for (Identifier identifier : request.identifiers()) {
                Authorization authz = pendingAuthorization(request.accountId(), identifier);
                data.put(authz);
                authzIds.add(authz.id());
            }
            Order order = new Order(nextId("ord"), request.accountId(), OrderStatus.PENDING,
                    clock.instant().plus(Duration.ofDays(7)), request.identifiers(), request.notBefore(),
                    request.notAfter(), authzIds, request.profile() == null ? "dv" : request.profile(), null, null,
                    clock.instant(), null);
            data.put(order);
            return order;
        });
    }

    private Authorization pendingAuthorization(String accountId, Identifier identifier) {
        List<Challenge> challenges = new ArrayList<>();
        if (!identifier.isWildcard()) {
            challenges.add(new Challenge("h1", Challenge.HTTP_01, "token-h-" + ids.incrementAndGet(),
                    ChallengeStatus.PENDING, null, null, List.of()));
        }
        challenges.add(new Challenge("d1", Challenge.DNS_01, "token-d-" + ids.incrementAndGet(),
                ChallengeStatus.PENDING, null, null, List.of()));
        return new Authorization(nextId("authz"), accountId, Identifier.dns(identifier.baseName()),
                identifier.isWildcard(), AuthorizationStatus.PENDING, clock.instant().plus(Duration.ofDays(7)),
                challenges, clock.instant());
    }

    @Override
    public Future<Authorization> deactivateAuthorization(String accountId, String authorizationId) {
        return call("deactivateAuthorization", () -> {
            Authorization updated = data.authorizations.get(authorizationId).withStatus(AuthorizationStatus.DEACTIVATED);
            data.put(updated);
            return updated;
        });
    }

    @Override
    public Future<Authorization> respondToChallenge(ChallengeResponse response) {
        return call("respondToChallenge", () -> {
            lastChallengeResponse.set(response);
            Authorization authz = data.authorizations.get(response.authorizationId());
            List<Challenge> challenges = authz.challenges().stream()
                    .map(c -> c.id().equals(response.challengeId())
                            ? new Challenge(c.id(), c.type(), c.token(), ChallengeStatus.PROCESSING, null, null, List.of())
                            : c)
                    .toList();
            Authorization updated = new Authorization(authz.id(), authz.accountId(), authz.identifier(),
                    authz.wildcard(), authz.status(), authz.expires(), challenges, authz.createdAt());
            data.put(updated);
            return updated;
        });
    }

    @Override
    public Future<Order> refreshOrder(Order order) {
        return call("refreshOrder", () -> order);
    }

    @Override
    public Future<Order> finalizeOrder(String accountId, String orderId, byte[] csrDer) {
        return call("finalizeOrder", () -> {
            lastCsr.set(csrDer);
            Order o = data.orders.get(orderId);
            Order processing = new Order(o.id(), o.accountId(), OrderStatus.PROCESSING, o.expires(), o.identifiers(),
                    o.notBefore(), o.notAfter(), o.authorizationIds(), o.profile(), null, null, o.createdAt(),
                    clock.instant());
            data.put(processing);
            return processing;
        });
    }

    @Override
    public Future<Void> revokeCertificate(RevocationRequest request) {
        return call("revokeCertificate", () -> {
            lastRevocation.set(request);
            return null;
        });
    }

    /** What the directory advertises (draft-ietf-acme-profiles). */
    public static final Map<String, String> PROFILES = Map.of("dv", "Domain-validated, 90 days.");
    /** RFC 9773: the window answered per CertID; unknown CertIDs are NOT_FOUND. */
    public final Map<String, RenewalInfo> renewalInfos = new ConcurrentHashMap<>();
    /** RFC 9773 §5: the CertID each order replaces. */
    public final Map<String, String> replaced = new ConcurrentHashMap<>();

    @Override
    public Future<Order> newOrder(NewOrderRequest request, String replaces) {
        if (replaces != null && replaced.containsValue(replaces)) {
            calls.add("newOrder");
            return Future.failedFuture(new CaException(ErrorKind.ALREADY_REPLACED, "already replaced"));
        }
        return newOrder(request).onSuccess(order -> {
            if (replaces != null) {
                replaced.put(order.id(), replaces);
            }
        });
    }

    @Override
    public Future<Optional<String>> replacedBy(String orderId) {
        return Future.succeededFuture(Optional.ofNullable(replaced.get(orderId)));
    }

    @Override
    public Future<RenewalInfo> renewalInfo(String certId) {
        return call("renewalInfo", () -> {
            RenewalInfo info = renewalInfos.get(certId);
            if (info == null) {
                throw new CaException(ErrorKind.NOT_FOUND, "no certificate with CertID " + certId);
            }
            return info;
        });
    }

    @Override
    public Map<String, String> profiles() {
        return PROFILES;
    }

    // The validation methods outside ACME are never reached through the ACME front end.
    private static <T> Future<T> notAcme() {
        return Future.failedFuture(new CaException(ErrorKind.MALFORMED, "not an ACME operation"));
    }

    @Override
    public Future<Authorization> startDomainValidation(DomainValidationRequest request) {
        return notAcme();
    }

    @Override
    public Future<Authorization> resendValidationEmail(String accountId, String authorizationId) {
        return notAcme();
    }

    @Override
    public Future<Authorization> checkDomainValidation(String accountId, String authorizationId) {
        return notAcme();
    }

    @Override
    public Future<EmailValidationView> emailValidation(String value) {
        return notAcme();
    }

    @Override
    public Future<Authorization> confirmEmailValidation(String value, String confirmedFrom) {
        return notAcme();
    }

    @Override
    public List<String> domainValidationMethods(Identifier identifier) {
        return List.of();
    }

    @Override
    public List<String> constructedAddresses(Identifier identifier) {
        return List.of();
    }

    @Override
    public Future<String> checkCertificateRequest(List<Identifier> identifiers, byte[] csrDer) {
        return call("checkCertificateRequest", () -> {
            throw new CaException(ErrorKind.BAD_CSR, "the ACME wire layer never checks a CSR ahead of finalize");
        });
    }

    private <T> Future<T> call(String name, Supplier<T> body) {
        calls.add(name);
        Throwable failure = nextFailure.getAndSet(null);
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        try {
            return Future.succeededFuture(body.get());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
