package dev.inkan.ra;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.Replacement;
import dev.inkan.core.port.AccountStore;
import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.AuthorizationStore;
import dev.inkan.core.port.CertificateAuthority;
import dev.inkan.core.port.CertificateStore;
import dev.inkan.core.port.OrderStore;
import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.policy.SubscriberKeyRules;
import dev.inkan.core.port.Stores;
import dev.inkan.core.port.SubscriberKeyPolicy;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.core.port.ValidationAuthority;
import dev.inkan.ra.limit.RateLimits;
import dev.inkan.core.vetting.VettedOrganizations;
import dev.inkan.ra.op.AuditTrail;
import dev.inkan.ra.op.AuthorizationSource;
import dev.inkan.ra.op.BackgroundWork;
import dev.inkan.ra.op.CaaCheckpoint;
import dev.inkan.ra.op.ChallengeResponseOperation;
import dev.inkan.ra.op.ChallengeValidation;
import dev.inkan.ra.op.ChangeKeyOperation;
import dev.inkan.ra.op.CheckDomainValidationOperation;
import dev.inkan.ra.op.DomainValidationLink;
import dev.inkan.ra.op.EmailConfirmationOperation;
import dev.inkan.ra.op.StartDomainValidationOperation;
import dev.inkan.ra.op.DeactivateAccountOperation;
import dev.inkan.ra.op.DeactivateAuthorizationOperation;
import dev.inkan.ra.op.FinalizeOrderOperation;
import dev.inkan.ra.op.InterruptedOrderRecovery;
import dev.inkan.ra.op.NewAccountOperation;
import dev.inkan.ra.op.NewOrderOperation;
import dev.inkan.ra.op.OperationContext;
import dev.inkan.ra.op.OrganizationBinding;
import dev.inkan.ra.op.OrderIssuance;
import dev.inkan.ra.op.OrderProgress;
import dev.inkan.ra.op.Ownership;
import dev.inkan.ra.op.RenewalInfoOperation;
import dev.inkan.ra.op.ReplacementClaim;
import dev.inkan.ra.op.Revocation;
import dev.inkan.ra.op.RevokeCertificateOperation;
import dev.inkan.ra.op.StatusLink;
import dev.inkan.ra.op.UpdateAccountOperation;
import dev.inkan.ra.policy.CaaFreshness;
import dev.inkan.ra.policy.ChallengeOffer;
import dev.inkan.ra.policy.ContactPolicy;
import dev.inkan.ra.policy.CsrPolicy;
import dev.inkan.ra.policy.DomainValidationMethods;
import dev.inkan.ra.policy.DomainValidationReuse;
import dev.inkan.ra.policy.IdentifierPolicy;
import dev.inkan.ra.policy.ProfilePolicy;
import dev.inkan.ra.policy.ProfileTerms;
import dev.inkan.ra.policy.RenewalWindow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registration authority: the account, order and authorization state machines of RFC 8555 §7.1.6 and
 * the policy around them. Each operation is its own class in {@code dev.inkan.ra.op}; this class wires
 * them and turns a synchronous refusal into a failed future.
 */
public final class RegistrationAuthorityImpl implements RegistrationAuthority {
    private final BackgroundWork background = new BackgroundWork();
    private final OrderProgress orderProgress;
    private final NewAccountOperation newAccount;
    private final UpdateAccountOperation updateAccount;
    private final DeactivateAccountOperation deactivateAccount;
    private final ChangeKeyOperation changeKey;
    private final NewOrderOperation newOrder;
    private final DeactivateAuthorizationOperation deactivateAuthorization;
    private final ChallengeResponseOperation challengeResponse;
    private final FinalizeOrderOperation finalizeOrder;
    private final RevokeCertificateOperation revoke;
    private final InterruptedOrderRecovery recovery;
    private final StatusLink status = new StatusLink();
    private final OrganizationBinding organizations = new OrganizationBinding();
    private final ProfilePolicy profilePolicy;
    private final RenewalInfoOperation renewalInfo;
    private final StaffRevocation staff;
    private final DomainValidationLink domainValidation = new DomainValidationLink();
    private final Clock clock;
    private final StartDomainValidationOperation startDomainValidation;
    private final CheckDomainValidationOperation checkDomainValidation;
    private final EmailConfirmationOperation emailConfirmation;
    /** BR 6.1.1.3, 6.1.5, 6.1.6: the one key policy, asked again by the CA before it signs. */
    private final SubscriberKeyPolicy keyPolicy = SubscriberKeyRules.standard();
    private final CsrPolicy csrPolicy = new CsrPolicy(keyPolicy);
    private final OrderStore orderStore;
    private final AccountStore accountStore;
    private final AuthorizationStore authorizationStore;
    private volatile RateLimits limits;
    private final OrderIssuance orderIssuance;

    /**
     * @param caa the CAA checker and its store (BR 3.2.2.8); there is no constructor without one, since issuing
     *            without a CAA check would be a compliance failure
     */
    public RegistrationAuthorityImpl(RaConfig config, AccountStore accounts, OrderStore orders,
            AuthorizationStore authorizations, CertificateStore certificates, AuditLog audit,
            ValidationAuthority validationAuthority, CertificateAuthority certificateAuthority, CaaChecking caa,
            Vertx vertx, Clock clock) {
        this.clock = clock;
        this.orderStore = orders;
        this.accountStore = accounts;
        this.authorizationStore = authorizations;
        OperationContext ctx = new OperationContext(config, accounts, orders, authorizations, certificates,
                validationAuthority, certificateAuthority, vertx, clock, new AuditTrail(audit, clock), background);
        IdentifierPolicy identifiers = new IdentifierPolicy(config.maxIdentifiersPerOrder(), config.blockedNames(),
                clock);
        ContactPolicy contacts = new ContactPolicy(config.maxContacts(), identifiers);
        ProfilePolicy profiles = new ProfilePolicy(config.defaultProfile(), config.profiles());
        profilePolicy = profiles;
        ChallengeOffer offer = new ChallengeOffer(config.challengeTypes());
        DomainValidationReuse reuse = new DomainValidationReuse(config.maxAuthorizationReuse());
        Ownership ownership = new Ownership(ctx);
        OrderProgress progress = new OrderProgress(ctx);
        orderProgress = progress;
        CaaCheckpoint caaCheckpoint = new CaaCheckpoint(ctx, caa, new CaaFreshness());

        newAccount = new NewAccountOperation(ctx, contacts, status, keyPolicy);
        updateAccount = new UpdateAccountOperation(ctx, ownership, contacts);
        deactivateAccount = new DeactivateAccountOperation(ctx);
        changeKey = new ChangeKeyOperation(ctx, ownership, status, keyPolicy);
        newOrder = new NewOrderOperation(ctx, ownership, identifiers, profiles, offer,
                authorizationsByProfile(ctx, offer, profiles), new ReplacementClaim(ctx, status), organizations);
        deactivateAuthorization = new DeactivateAuthorizationOperation(ctx, ownership, progress);
        ChallengeValidation challengeValidation = new ChallengeValidation(ctx, reuse, progress, caaCheckpoint);
        challengeResponse = new ChallengeResponseOperation(ctx, ownership, challengeValidation);
        checkDomainValidation = new CheckDomainValidationOperation(ctx, ownership, domainValidation,
                challengeValidation, caa.accountUrls());
        startDomainValidation = new StartDomainValidationOperation(ctx, ownership, domainValidation,
                checkDomainValidation);
        emailConfirmation = new EmailConfirmationOperation(ctx, challengeValidation, caa.accountUrls());
        orderIssuance = new OrderIssuance(ctx, status);
        orderIssuance.gateQueuedBy(caaCheckpoint);
        finalizeOrder = new FinalizeOrderOperation(ctx, ownership, csrPolicy, profiles, reuse,
                orderIssuance, caaCheckpoint, organizations);
        revoke = new RevokeCertificateOperation(ctx, ownership,
                new Revocation(certificates, ctx.audit(), status, clock));
        renewalInfo = new RenewalInfoOperation(ctx, status, RenewalWindow.defaults());
        staff = new StaffRevocation(certificates, ctx.audit(), status, clock);
        recovery = new InterruptedOrderRecovery(ctx);
    }

    /**
     * Each profile's authorizations: the BR reuse window, the operator's cap and the profile's own, whichever is
     * shortest, and the profile's pending lifetime (draft-ietf-acme-profiles: a profile sets authorization lifetimes).
     */
    private static Function<String, AuthorizationSource> authorizationsByProfile(OperationContext ctx,
            ChallengeOffer offer, ProfilePolicy profiles) {
        Map<String, AuthorizationSource> sources = new ConcurrentHashMap<>();
        return name -> sources.computeIfAbsent(name, n -> {
            ProfileTerms terms = profiles.terms(n);
            Duration cap = ctx.config().maxAuthorizationReuse();
            if (terms.authorizationReuse() != null && (cap == null || terms.authorizationReuse().compareTo(cap) < 0)) {
                cap = terms.authorizationReuse();
            }
            Duration pending = terms.pendingAuthorizationLifetime() != null
                    ? terms.pendingAuthorizationLifetime()
                    : ctx.config().pendingAuthorizationLifetime();
            return new AuthorizationSource(ctx, offer, new DomainValidationReuse(cap), pending);
        });
    }

    /**
     * Connects the key blocklist, CRL counters, ARI store and certificate listeners (CP 002 §4.9, RFC 9773, CP 002
     * §4.3.2). Call once, before the RA serves requests.
     */
    public void connect(StatusServices services) {
        status.connect(services);
    }

    /**
     * Connects what the validation methods outside ACME need (mail relay, confirmation page, registrant lookup, the
     * registrar list). Call once, before the RA serves requests; until then those methods are refused.
     */
    public void connect(DomainValidationServices services) {
        domainValidation.connect(services);
    }

    /**
     * Enforces these rate limits from now on (new accounts, new orders, certificates per name set and registered
     * domain); without, nothing is limited. Call before the RA serves requests.
     */
    public void limitRates(RateLimits rateLimits) {
        this.limits = rateLimits;
    }

    /**
     * Finalize answers with the issued order when issuance ends within {@code budget} (zero, the default: it answers
     * with the processing order at once). Call before the RA serves requests.
     */
    public void finalizeSynchronouslyWithin(Duration budget) {
        finalizeOrder.answerWhenIssuedWithin(budget);
    }

    /**
     * A challenge response answers with the validated authorization when validation ends within {@code budget} (zero,
     * the default: it answers with the processing challenge at once). Call before the RA serves requests.
     */
    public void answerChallengesWithin(Duration budget) {
        challengeResponse.answerWhenValidatedWithin(budget);
    }

    /**
     * Connects the vetted organizations, so that accounts bound to one by their External Account Binding key get OV
     * (CP 002 §3.2.2.1). Until connected, every OV order is refused.
     */
    public void connect(VettedOrganizations vetted) {
        organizations.connect(vetted);
    }

    /**
     * For a front end without the HSM: finalized orders are queued for the signer process instead of issued here
     * (docs/design/signer-handover.md). Call once, before the RA serves requests.
     */
    public void handOverIssuanceTo(IssuanceQueue queue) {
        orderIssuance.handOverTo(queue);
    }

    /**
     * In the signer: issues one queued order and gives the order its outcome. Fails only with
     * {@link dev.inkan.core.port.Leases.NotHeld} when the issuance failed after {@code holdsLease} turned false,
     * leaving the order to the signer that took over.
     */
    public Future<Void> issueQueued(IssuanceQueue.Job job, java.util.function.BooleanSupplier holdsLease) {
        return guarded(() -> orderIssuance.runQueued(job, holdsLease));
    }

    /** Staff revocation and renewal flags by serial, over the same stores and listeners as this RA. */
    public StaffRevocation staff() {
        return staff;
    }

    /** The same, taking the store ports from the composition root's bundle. */
    public RegistrationAuthorityImpl(RaConfig config, Stores stores, ValidationAuthority validationAuthority,
            CertificateAuthority certificateAuthority, CaaChecking caa, Vertx vertx, Clock clock) {
        this(config, stores.accounts(), stores.orders(), stores.authorizations(), stores.certificates(),
                stores.audit(), validationAuthority, certificateAuthority, caa, vertx, clock);
    }

    @Override
    public Future<NewAccountResult> newAccount(NewAccountRequest request) {
        RateLimits l = limits;
        if (l == null || request.onlyReturnExisting()) {
            return guarded(() -> newAccount.run(request));
        }
        // an existing key is answered without counting: only accounts that would be created count
        return guarded(() -> accountStore.byThumbprint(request.keyThumbprint()).compose(found -> found.isPresent()
                ? newAccount.run(request)
                : l.newAccount(request.clientAddress()).compose(v -> newAccount.run(request))));
    }

    @Override
    public Future<Account> updateAccount(String accountId, List<String> contacts) {
        return guarded(() -> updateAccount.run(accountId, contacts));
    }

    @Override
    public Future<Account> deactivateAccount(String accountId) {
        return guarded(() -> deactivateAccount.run(accountId));
    }

    @Override
    public Future<Account> changeKey(String accountId, String newKeyJwk, String newKeyThumbprint) {
        return guarded(() -> changeKey.run(accountId, newKeyJwk, newKeyThumbprint));
    }

    @Override
    public Future<Order> newOrder(NewOrderRequest request) {
        return newOrder(request, null);
    }

    @Override
    public Future<Order> newOrder(NewOrderRequest request, String replaces) {
        RateLimits l = limits;
        // pending authorizations are checked first: a refused order counts nothing against new orders
        return guarded(() -> (l == null ? Future.<Void>succeededFuture()
                : l.pendingAuthorizationsAllowed(request.accountId(),
                                now -> authorizationStore.pendingOf(request.accountId(), now))
                        .compose(v -> l.newOrder(request.accountId())))
                .compose(v -> newOrder.run(request, replaces)));
    }

    @Override
    public Future<Optional<String>> replacedBy(String orderId) {
        return guarded(() -> status.services().renewals().replacementBy(orderId)
                .map(found -> found.map(Replacement::certId)));
    }

    @Override
    public Future<RenewalInfo> renewalInfo(String certId) {
        return guarded(() -> renewalInfo.run(certId));
    }

    @Override
    public Map<String, String> profiles() {
        return profilePolicy.descriptions();
    }

    @Override
    public Future<String> checkCertificateRequest(List<Identifier> identifiers, byte[] csrDer) {
        return guarded(() -> Future.succeededFuture(
                HexFormat.of().formatHex(sha256(csrPolicy.check(csrDer, identifiers).subjectPublicKeyInfo()))));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Future<Authorization> deactivateAuthorization(String accountId, String authorizationId) {
        return guarded(() -> deactivateAuthorization.run(accountId, authorizationId));
    }

    @Override
    public Future<Authorization> respondToChallenge(ChallengeResponse response) {
        return guarded(() -> challengeResponse.run(response));
    }

    @Override
    public Future<Order> refreshOrder(Order order) {
        return guarded(() -> orderProgress.caughtUp(order));
    }

    @Override
    public Future<Order> finalizeOrder(String accountId, String orderId, byte[] csrDer) {
        RateLimits l = limits;
        if (l == null) {
            return guarded(() -> finalizeOrder.run(accountId, orderId, csrDer));
        }
        // the certificate limits are checked before anything happens, and counted once the finalize is accepted
        return guarded(() -> orderStore.byId(orderId).compose(found -> {
            if (found.isEmpty() || !found.get().accountId().equals(accountId)) {
                return finalizeOrder.run(accountId, orderId, csrDer);
            }
            Order o = found.get();
            return l.certificateAllowed(accountId, o.identifiers())
                    .compose(v -> finalizeOrder.run(accountId, orderId, csrDer))
                    .compose(done -> l.certificateCounted(accountId, o.identifiers()).map(done));
        }));
    }

    @Override
    public Future<Void> revokeCertificate(RevocationRequest request) {
        return guarded(() -> revoke.run(request));
    }

    @Override
    public Future<Authorization> startDomainValidation(DomainValidationRequest request) {
        return guarded(() -> startDomainValidation.run(request));
    }

    @Override
    public Future<Authorization> resendValidationEmail(String accountId, String authorizationId) {
        return guarded(() -> startDomainValidation.resend(accountId, authorizationId));
    }

    @Override
    public Future<Authorization> checkDomainValidation(String accountId, String authorizationId) {
        return guarded(() -> checkDomainValidation.run(accountId, authorizationId));
    }

    @Override
    public Future<EmailValidationView> emailValidation(String value) {
        return guarded(() -> emailConfirmation.view(value));
    }

    @Override
    public Future<Authorization> confirmEmailValidation(String value, String confirmedFrom) {
        return guarded(() -> emailConfirmation.confirm(value, confirmedFrom));
    }

    @Override
    public List<String> domainValidationMethods(Identifier identifier) {
        return domainValidation.methods().methodsFor(identifier, clock.instant());
    }

    @Override
    public List<String> constructedAddresses(Identifier identifier) {
        return DomainValidationMethods.constructedAddresses(identifier);
    }

    /**
     * Fails the orders left PROCESSING for longer than {@code olderThan} (a crash interrupted their
     * issuance) with serverInternal "issuance interrupted, please retry". Call it at start-up and now and
     * then, with a duration longer than any issuance takes.
     *
     * @return how many orders it failed
     */
    public Future<Integer> recoverInterruptedOrders(Duration olderThan) {
        return guarded(() -> recovery.run(olderThan));
    }

    /** In a signer: as above, but an order whose job is still in {@code queue} is left for the signer to issue. */
    public Future<Integer> recoverInterruptedOrders(Duration olderThan, IssuanceQueue queue) {
        return guarded(() -> recovery.run(olderThan, queue));
    }

    /** Completes when every validation and issuance started so far has finished; call before closing the stores. */
    public Future<Void> drain() {
        return background.drained();
    }

    private static <T> Future<T> guarded(Supplier<Future<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
