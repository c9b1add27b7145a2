package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.OrganizationStatus;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.ra.fake.InMemoryVettedOrganizations;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.JwkThumbprint;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OV orders: only accounts bound to a vetted organization, checked at newOrder and again at finalize. */
@Timeout(30)
class OrganizationValidatedOrderTest extends RaTestBase {
    private static final OrganizationSubject SUBJECT =
            new OrganizationSubject("JP", "Tokyo", "Chiyoda-ku", "Sample Ninsho Co., Ltd.");
    private final InMemoryVettedOrganizations vetted = new InMemoryVettedOrganizations();
    private final KeyPair certKey = TestKeys.ec("secp256r1");

    @Override
    RaConfig config() {
        Map<String, String> profiles = new LinkedHashMap<>();
        profiles.put("dv", "dv");
        profiles.put("ov", "ov");
        return RaConfig.defaults().withProfiles("dv", profiles);
    }

    @BeforeEach
    void vetOrganization() {
        ra.connect(vetted);
        vetted.put(organization(OrganizationStatus.VETTED));
        vetted.put(new ExternalAccountKey("kid-1", "bWFjLWtleS1tYWMta2V5LW1hYy1rZXktbWFjLWtleS0", "org-1", true,
                START, true));
    }

    private VettedOrganization organization(OrganizationStatus status) {
        return organization(status, START);
    }

    private VettedOrganization organization(OrganizationStatus status, java.time.Instant vettedAt) {
        return new VettedOrganization("org-1", "case-1", "株式会社サンプル認証", "Sample Ninsho Co., Ltd.",
                "4010001234567", SUBJECT, List.of("example.co.jp"), vettedAt, vettedAt, "approver", status, null, 1);
    }

    private Account boundAccount() throws Exception {
        KeyPair key = TestKeys.freshEc();
        return await(ra.newAccount(new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()), List.of(), true,
                false, "kid-1"))).account();
    }

    private Order order(Account account, String profile, String name) throws Exception {
        return await(ra.newOrder(new NewOrderRequest(account.id(), List.of(Identifier.dns(name)), null, null, profile)));
    }

    private Order ready(Account account, String name) throws Exception {
        Order o = order(account, null, name);
        validate(account, o);
        return order(o.id());
    }

    @Test
    void boundAccountsOrdersDefaultToOv() throws Exception {
        assertEquals("ov", order(boundAccount(), null, "www.example.co.jp").profile());
    }

    @Test
    void dvOnlyAccountIsRefusedOvAtNewOrder() throws Exception {
        ErrorKind kind = failure(ErrorKind.UNAUTHORIZED,
                ra.newOrder(new NewOrderRequest(newAccount().id(), List.of(Identifier.dns("www.example.co.jp")), null,
                        null, "ov"))).kind();
        assertEquals(ErrorKind.UNAUTHORIZED, kind);
    }

    @Test
    void dvOnlyAccountsOrdersStayDv() throws Exception {
        assertEquals("dv", order(newAccount(), null, "www.example.co.jp").profile());
    }

    @Test
    void finalizeSendsTheVettedSubjectToTheCa() throws Exception {
        Account account = boundAccount();
        Order ready = ready(account, "www.example.co.jp");
        await(ra.finalizeOrder(account.id(), ready.id(), TestKeys.csr(certKey, "www.example.co.jp",
                List.of("www.example.co.jp"))));
        await(ra.drain());
        assertEquals(OrderStatus.VALID, order(ready.id()).status());
        assertEquals("ov", ca.requests().get(0).profile());
        assertEquals(SUBJECT, ca.requests().get(0).organization());
    }

    @Test
    void nameOutsideTheVettedDomainsIsRejected() throws Exception {
        failure(ErrorKind.REJECTED_IDENTIFIER, ra.newOrder(new NewOrderRequest(boundAccount().id(),
                List.of(Identifier.dns("www.other.example")), null, null, null)));
    }

    @Test
    void suspensionAfterTheOrderRefusesFinalizeBeforeTheCa() throws Exception {
        Account account = boundAccount();
        Order ready = ready(account, "www.example.co.jp");
        vetted.put(organization(OrganizationStatus.SUSPENDED));
        var e = failure(ErrorKind.UNAUTHORIZED, ra.finalizeOrder(account.id(), ready.id(),
                TestKeys.csr(certKey, "www.example.co.jp", List.of("www.example.co.jp"))));
        assertTrue(e.getMessage().contains("suspended"), e.getMessage());
        assertTrue(ca.requests().isEmpty());
        assertEquals(OrderStatus.READY, order(ready.id()).status());
    }

    @Test
    void suspendedKeyRefusesNewOvOrders() throws Exception {
        Account account = boundAccount();
        vetted.put(new ExternalAccountKey("kid-1", "bWFj", "org-1", false, START, true));
        failure(ErrorKind.UNAUTHORIZED, ra.newOrder(new NewOrderRequest(account.id(),
                List.of(Identifier.dns("www.example.co.jp")), null, null, null)));
    }

    @Test
    void vettingPastItsReusePeriodRefusesFinalize() throws Exception {
        vetted.put(organization(OrganizationStatus.VETTED, START.minus(Duration.ofDays(398)).plus(Duration.ofHours(1))));
        Account account = boundAccount();
        Order ready = ready(account, "www.example.co.jp");
        clock.advance(Duration.ofHours(2));
        var e = failure(ErrorKind.UNAUTHORIZED, ra.finalizeOrder(account.id(), ready.id(),
                TestKeys.csr(certKey, "www.example.co.jp", List.of("www.example.co.jp"))));
        assertTrue(e.getMessage().contains("4.2.1"), e.getMessage());
        assertTrue(ca.requests().isEmpty());
    }

    @Test
    void dvOrderOfABoundAccountCarriesNoOrganization() throws Exception {
        Account account = boundAccount();
        Order o = order(account, "dv", "www.example.co.jp");
        validate(account, o);
        await(ra.finalizeOrder(account.id(), o.id(), TestKeys.csr(certKey, "www.example.co.jp",
                List.of("www.example.co.jp"))));
        await(ra.drain());
        assertNull(ca.requests().get(0).organization());
    }
}
