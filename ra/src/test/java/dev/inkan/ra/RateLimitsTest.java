package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RateLimitCounters;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.ra.fake.InMemoryRateLimitCounters;
import dev.inkan.ra.fake.InMemoryRateLimitOverrides;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.limit.RateLimitConfig;
import dev.inkan.ra.limit.RateLimitConfig.Limit;
import dev.inkan.ra.limit.RateLimitedValidations;
import dev.inkan.ra.limit.RateLimits;
import dev.inkan.ra.policy.JwkThumbprint;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RateLimitsTest extends RaTestBase {
    private static final Duration HOUR = Duration.ofHours(1);
    private final InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();
    private final Map<String, Limit> limits = new HashMap<>();
    private final Map<String, Map<String, Long>> overrides = new HashMap<>();

    private void enforce() {
        ra.limitRates(new RateLimits(new RateLimitConfig(limits, overrides), counters, clock));
    }

    @BeforeEach
    void noLimitsYet() {
        enforce();
    }

    private Account newAccountFrom(String address) throws Exception {
        KeyPair key = TestKeys.freshEc();
        return await(ra.newAccount(new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()),
                List.of("mailto:admin@example.com"), true, false, null, address))).account();
    }

    private static Duration retryAfter(CaException e) {
        return e.retryAfter();
    }

    @Test
    void testFailure_newOrdersPerAccountAnswersRateLimitedWithRetryAfterTheWindowEnd() throws Exception {
        limits.put(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, new Limit(2, HOUR));
        enforce();
        Account account = newAccount();
        newOrder(account, "a.example.com");
        newOrder(account, "b.example.com");
        CaException e = failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority
                .NewOrderRequest(account.id(), List.of(Identifier.dns("c.example.com")), null, null, null)));
        Instant windowEnd = RateLimitCounters.windowStart(clock.instant(), HOUR).plus(HOUR);
        assertEquals(Duration.between(clock.instant(), windowEnd), retryAfter(e));
        assertTrue(e.detail().contains("at most 2 per 1 hours"), e.detail());
        // another account is not affected
        newOrder(newAccount(), "c.example.com");
    }

    @Test
    void testSuccess_anAccountOverrideRaisesItsOwnLimit() throws Exception {
        limits.put(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, new Limit(1, HOUR));
        Account big = newAccount();
        overrides.put(big.id(), Map.of(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, 3L));
        enforce();
        newOrder(big, "a.example.com");
        newOrder(big, "b.example.com");
        newOrder(big, "c.example.com");
        failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                big.id(), List.of(Identifier.dns("d.example.com")), null, null, null)));
    }

    @Test
    void testSuccess_theNextWindowAllowsAgain() throws Exception {
        limits.put(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, new Limit(1, HOUR));
        enforce();
        Account account = newAccount();
        newOrder(account, "a.example.com");
        failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                account.id(), List.of(Identifier.dns("b.example.com")), null, null, null)));
        clock.advance(HOUR);
        newOrder(account, "b.example.com");
    }

    @Test
    void testFailure_newAccountsPerAddressCountsOnlyAccountsCreated() throws Exception {
        limits.put(RateLimitConfig.NEW_ACCOUNTS_PER_ADDRESS, new Limit(2, Duration.ofHours(3)));
        enforce();
        newAccountFrom("192.0.2.7");
        KeyPair key = TestKeys.freshEc();
        NewAccountRequest second = new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()),
                List.of("mailto:admin@example.com"), true, false, null, "192.0.2.7");
        await(ra.newAccount(second));
        // the same key again finds its account and counts nothing
        assertFalse(await(ra.newAccount(second)).created());
        failure(ErrorKind.RATE_LIMITED, ra.newAccount(new NewAccountRequest(jwk(TestKeys.freshEc()),
                JwkThumbprint.of(TestKeys.freshEc().getPublic()), List.of(), true, false, null, "192.0.2.7")));
        newAccountFrom("192.0.2.8");
    }

    @Test
    void testFailure_ipv6AddressesCountPerSlash48() throws Exception {
        limits.put(RateLimitConfig.NEW_ACCOUNTS_PER_ADDRESS, new Limit(1, Duration.ofHours(3)));
        enforce();
        newAccountFrom("2001:db8:1:1::1");
        KeyPair key = TestKeys.freshEc();
        failure(ErrorKind.RATE_LIMITED, ra.newAccount(new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()),
                List.of(), true, false, null, "2001:db8:1:ffff::2")));
        newAccountFrom("2001:db8:2::1");
    }

    @Test
    void testFailure_certificatesPerRegisteredDomainCountFinalizedOrders() throws Exception {
        limits.put(RateLimitConfig.CERTIFICATES_PER_DOMAIN, new Limit(1, Duration.ofDays(7)));
        enforce();
        Account account = newAccount();
        Order first = newOrder(account, "www.example.co.jp");
        validate(account, first);
        await(ra.finalizeOrder(account.id(), first.id(), TestKeys.csr(TestKeys.freshEc(), null,
                List.of("www.example.co.jp"))));
        await(ra.drain());
        Order second = newOrder(account, "mail.example.co.jp");
        validate(account, second);
        CaException e = failure(ErrorKind.RATE_LIMITED, ra.finalizeOrder(account.id(), second.id(),
                TestKeys.csr(TestKeys.freshEc(), null, List.of("mail.example.co.jp"))));
        assertTrue(e.detail().contains("example.co.jp"), e.detail());
        assertEquals(OrderStatus.READY, order(second.id()).status(), "a refused finalize leaves the order as it was");
        // another registered domain under the same public suffix is its own count
        Order other = newOrder(account, "www.other.co.jp");
        validate(account, other);
        await(ra.finalizeOrder(account.id(), other.id(), TestKeys.csr(TestKeys.freshEc(), null,
                List.of("www.other.co.jp"))));
    }

    @Test
    void testFailure_duplicateCertificatesForTheSameNameSet() throws Exception {
        limits.put(RateLimitConfig.DUPLICATE_CERTIFICATES, new Limit(1, Duration.ofDays(7)));
        enforce();
        Account account = newAccount();
        Order first = newOrder(account, "a.example.com", "b.example.com");
        validate(account, first);
        await(ra.finalizeOrder(account.id(), first.id(), TestKeys.csr(TestKeys.freshEc(), null,
                List.of("a.example.com", "b.example.com"))));
        await(ra.drain());
        Order again = newOrder(account, "b.example.com", "a.example.com");
        failure(ErrorKind.RATE_LIMITED, ra.finalizeOrder(account.id(), again.id(), TestKeys.csr(TestKeys.freshEc(),
                null, List.of("a.example.com", "b.example.com"))));
        Order subset = newOrder(account, "a.example.com");
        await(ra.finalizeOrder(account.id(), subset.id(), TestKeys.csr(TestKeys.freshEc(), null,
                List.of("a.example.com"))));
    }

    @Test
    void testFailure_failedValidationsOfOneNameStopFurtherAttemptsWithoutConnecting() throws Exception {
        limits.put(RateLimitConfig.FAILED_VALIDATIONS, new Limit(2, HOUR));
        RateLimits rl = new RateLimits(new RateLimitConfig(limits, overrides), counters, clock);
        RateLimitedValidations limited = new RateLimitedValidations(va, rl);
        va.failFor("bad.example.com", ErrorKind.CONNECTION, "refused");
        ValidationRequest req = new ValidationRequest(Identifier.dns("bad.example.com"), "http-01", "t", "t.k",
                "https://ca/acct/1");
        assertEquals(ErrorKind.CONNECTION, await(limited.validate(req)).error().kind());
        assertEquals(ErrorKind.CONNECTION, await(limited.validate(req)).error().kind());
        int asked = va.requests().size();
        var refused = await(limited.validate(req));
        assertFalse(refused.valid());
        assertEquals(ErrorKind.RATE_LIMITED, refused.error().kind());
        assertEquals(asked, va.requests().size(), "the third attempt made no connection");
        // another account, and another name, are not limited
        assertEquals(ErrorKind.CONNECTION, await(limited.validate(new ValidationRequest(Identifier.dns("bad.example.com"),
                "http-01", "t", "t.k", "https://ca/acct/2"))).error().kind());
        assertTrue(await(limited.validate(new ValidationRequest(Identifier.dns("good.example.com"), "http-01", "t",
                "t.k", "https://ca/acct/1"))).valid());
        assertEquals(ChallengeStatus.VALID, ChallengeStatus.VALID);
    }

    @Test
    void testFailure_pendingAuthorizationsPerAccountStopNewOrdersUntilTheFirstExpires() throws Exception {
        limits.put(RateLimitConfig.PENDING_AUTHORIZATIONS, new Limit(2, Duration.ofSeconds(1)));
        enforce();
        Account account = newAccount();
        Order first = newOrder(account, "a.example.com", "b.example.com");
        CaException e = failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority
                .NewOrderRequest(account.id(), List.of(Identifier.dns("c.example.com")), null, null, null)));
        Instant firstExpiry = authorization(first.authorizationIds().get(0)).expires();
        assertEquals(Duration.between(clock.instant(), firstExpiry).plusSeconds(1), e.retryAfter());
        assertTrue(e.detail().contains("pending authorizations"), e.detail());
        // another account is not affected
        newOrder(newAccount(), "c.example.com");
        // once they have expired, they no longer count
        clock.advance(Duration.between(clock.instant(), firstExpiry).plusSeconds(1));
        newOrder(account, "c.example.com");
    }

    @Test
    void testSuccess_validatedAuthorizationsNoLongerCountAsPending() throws Exception {
        limits.put(RateLimitConfig.PENDING_AUTHORIZATIONS, new Limit(1, Duration.ofSeconds(1)));
        enforce();
        Account account = newAccount();
        Order first = newOrder(account, "a.example.com");
        validate(account, first);
        newOrder(account, "b.example.com");
    }

    @Test
    void testSuccess_aStoredResellerOverrideReachesItsCustomersAndAnAccountOverrideWins() throws Exception {
        limits.put(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, new Limit(1, HOUR));
        InMemoryRateLimitOverrides stored = new InMemoryRateLimitOverrides();
        ra.limitRates(new RateLimits(new RateLimitConfig(limits, overrides), counters, stored, Duration.ZERO, clock));
        Account customer = newAccount();
        Account own = newAccount();
        Account other = newAccount();
        stored.customer(customer.id(), "reseller-1");
        stored.customer(own.id(), "reseller-1");
        await(stored.setReseller("reseller-1", Map.of(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, 3L)));
        await(stored.setAccount(own.id(), Map.of(RateLimitConfig.NEW_ORDERS_PER_ACCOUNT, 2L)));
        for (int i = 0; i < 3; i++) {
            newOrder(customer, "c" + i + ".example.com");
        }
        failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                customer.id(), List.of(Identifier.dns("c9.example.com")), null, null, null)));
        newOrder(own, "o0.example.com");
        newOrder(own, "o1.example.com");
        failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                own.id(), List.of(Identifier.dns("o2.example.com")), null, null, null)));
        newOrder(other, "x.example.com");
        failure(ErrorKind.RATE_LIMITED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                other.id(), List.of(Identifier.dns("y.example.com")), null, null, null)));
    }

    @Test
    void testSuccess_aStoredAccountOverrideRaisesItsFailedValidationsLimit() throws Exception {
        limits.put(RateLimitConfig.FAILED_VALIDATIONS, new Limit(1, HOUR));
        InMemoryRateLimitOverrides stored = new InMemoryRateLimitOverrides();
        await(stored.setAccount("7", Map.of(RateLimitConfig.FAILED_VALIDATIONS, 2L)));
        RateLimits rl = new RateLimits(new RateLimitConfig(limits, overrides), counters, stored, Duration.ZERO, clock);
        RateLimitedValidations limited = new RateLimitedValidations(va, rl);
        va.failFor("bad.example.com", ErrorKind.CONNECTION, "refused");
        ValidationRequest req = new ValidationRequest(Identifier.dns("bad.example.com"), "http-01", "t", "t.k",
                "https://ca/acct/7");
        assertEquals(ErrorKind.CONNECTION, await(limited.validate(req)).error().kind());
        assertEquals(ErrorKind.CONNECTION, await(limited.validate(req)).error().kind());
        assertEquals(ErrorKind.RATE_LIMITED, await(limited.validate(req)).error().kind());
    }
}
