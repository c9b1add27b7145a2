package dev.inkan.acme.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcmeUrlsTest {
    private final AcmeUrls urls = new AcmeUrls("https://ca.example");

    @Test
    void testSuccess_accountUrlRoundTrips() {
        assertEquals(Optional.of("acct7"), urls.accountIdOf(urls.account("acct7")));
    }

    @Test
    void testFailure_foreignOrNestedKidsNameNoAccount() {
        assertEquals(Optional.empty(), urls.accountIdOf("https://other.example/acme/acct/acct7"));
        assertEquals(Optional.empty(), urls.accountIdOf("https://ca.example/acme/acct/acct7/orders"));
        assertEquals(Optional.empty(), urls.accountIdOf("https://ca.example/acme/acct/"));
        assertEquals(Optional.empty(), urls.accountIdOf(null));
    }

    @Test
    void testSuccess_ordersPageCursorIsEncoded() {
        assertEquals("https://ca.example/acme/acct/a/orders?cursor=x%2By", urls.ordersPage("a", "x+y"));
    }
}
