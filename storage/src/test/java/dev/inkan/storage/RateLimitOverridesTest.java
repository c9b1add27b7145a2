package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.port.RateLimitOverrides;
import dev.inkan.core.reseller.Customer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RateLimitOverridesTest extends EmbeddedStoreTest {
    private final RateLimitOverrides overrides = storage.rateLimitOverrides();

    @Test
    void testSuccess_anAccountGetsItsResellersOverridesAndItsOwnWin() {
        String reseller = newId("reseller");
        String account = newId("acct");
        await(storage.resellerStores().customers().insert(new Customer(newId("cust"), reseller, "Example KK",
                "ops@example.jp", false, null, account, T0)));
        await(overrides.setReseller(reseller, Map.of("newOrdersPerAccount", 5000L, "duplicateCertificates", 20L)));
        assertEquals(Map.of("newOrdersPerAccount", 5000L, "duplicateCertificates", 20L),
                await(overrides.forAccount(account)));
        await(overrides.setAccount(account, Map.of("duplicateCertificates", 7L)));
        assertEquals(Map.of("newOrdersPerAccount", 5000L, "duplicateCertificates", 7L),
                await(overrides.forAccount(account)));
    }

    @Test
    void testSuccess_anEmptyMapRemovesTheOverrides() {
        String account = newId("acct");
        await(overrides.setAccount(account, Map.of("newOrdersPerAccount", 9L)));
        await(overrides.setAccount(account, Map.of()));
        assertEquals(Map.of(), await(overrides.forAccount(account)));
    }

    @Test
    void testSuccess_anotherFrontEndOnTheSameStoreSeesThem() {
        String account = newId("acct");
        await(overrides.setAccount(account, Map.of("pendingAuthorizationsPerAccount", 3L)));
        // a second client of the same store, as a second front end would have
        assertEquals(Map.of("pendingAuthorizationsPerAccount", 3L),
                await(storage.rateLimitOverrides().forAccount(account)));
    }
}
