package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.ra.fake.FakeCertificateAuthority;
import dev.inkan.ra.fake.InMemoryCaaCheckStore;
import dev.inkan.ra.fake.InMemoryAccountStore;
import dev.inkan.ra.fake.InMemoryAuditLog;
import dev.inkan.ra.fake.InMemoryAuthorizationStore;
import dev.inkan.ra.fake.InMemoryCertificateStore;
import dev.inkan.ra.fake.InMemoryOrderStore;
import dev.inkan.ra.fake.ScriptedCaaChecker;
import dev.inkan.ra.fake.ScriptedValidationAuthority;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.JwkThumbprint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A registration authority over in-memory stores, a scripted VA and a fake CA, at a fixed time. */
abstract class RaTestBase {
    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final InMemoryAccountStore accounts = accountStore();
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryAuthorizationStore authorizations = new InMemoryAuthorizationStore();
    final InMemoryCertificateStore certificates = new InMemoryCertificateStore();
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    final ScriptedValidationAuthority va = new ScriptedValidationAuthority();
    final FakeCertificateAuthority ca = new FakeCertificateAuthority(certificates, clock);
    final ScriptedCaaChecker caaChecker = new ScriptedCaaChecker(clock);
    final InMemoryCaaCheckStore caaChecks = new InMemoryCaaCheckStore();
    Vertx vertx;
    RegistrationAuthorityImpl ra;

    InMemoryAccountStore accountStore() {
        return new InMemoryAccountStore();
    }

    RaConfig config() {
        return RaConfig.defaults();
    }

    /** The scripted CAA checker, with account URLs as {@link #validate} sends them. */
    CaaChecking caa() {
        return new CaaChecking(caaChecker, caaChecks, id -> "https://ca/acct/" + id);
    }

    @BeforeEach
    void startRa() {
        vertx = Vertx.vertx();
        ra = new RegistrationAuthorityImpl(config(), accounts, orders, authorizations, certificates, audit, va, ca,
                caa(), vertx, clock);
    }

    @AfterEach
    void stopRa() throws Exception {
        va.release();
        ca.release();
        await(ra.drain());
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    static CaException failure(ErrorKind kind, Future<?> f) {
        CaException e = assertThrows(CaException.class, () -> await(f));
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    Account newAccount(KeyPair key) throws Exception {
        return await(ra.newAccount(new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()),
                List.of("mailto:admin@example.com"), true, false, null))).account();
    }

    Account newAccount() throws Exception {
        return newAccount(TestKeys.freshEc());
    }

    static String jwk(KeyPair key) {
        return JwkThumbprint.canonicalJwk(key.getPublic());
    }

    Order newOrder(Account account, String... names) throws Exception {
        return await(ra.newOrder(new NewOrderRequest(account.id(),
                Arrays.stream(names).map(Identifier::dns).toList(), null, null, null)));
    }

    Authorization authorization(String id) throws Exception {
        return await(authorizations.byId(id)).orElseThrow();
    }

    Order order(String id) throws Exception {
        return await(orders.byId(id)).orElseThrow();
    }

    /** Responds to the first offered challenge of each of the order's authorizations, then waits for validation. */
    void validate(Account account, Order order) throws Exception {
        for (String id : order.authorizationIds()) {
            Challenge challenge = authorization(id).challenges().get(0);
            await(ra.respondToChallenge(new ChallengeResponse(account.id(), "https://ca/acct/" + account.id(), id,
                    challenge.id())));
        }
        await(ra.drain());
    }
}
