package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.util.KeyPairUtils;

/** A sandbox with the new-orders limit at 2 an hour: the third order is 429 rateLimited with Retry-After. */
@Timeout(180)
class RateLimitIT {
    private static SandboxServer server;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-home-rate-limits");
        SandboxServer.deleteTree(home);
        server = SandboxServer.start(home, Map.of(
                "INKAN_RATELIMITS_SANDBOX_MULTIPLIER", "1",
                "INKAN_RATELIMITS_NEW_ORDERS_PER_ACCOUNT", "{\"count\":2,\"windowSeconds\":3600}"));
        tls = Pem.trusting(server.tlsRoot());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void testFailure_theThirdOrderInAnHourIsRateLimitedWithRetryAfter() throws Exception {
        Session session = new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session);
        account.newOrder().domain("one.limits.example.com").create();
        account.newOrder().domain("two.limits.example.com").create();
        Instant asked = Instant.now();
        AcmeRateLimitedException e = assertThrows(AcmeRateLimitedException.class,
                () -> account.newOrder().domain("three.limits.example.com").create());
        assertEquals(URI.create("urn:ietf:params:acme:error:rateLimited"), e.getType());
        Instant retry = e.getRetryAfter().orElseThrow();
        assertTrue(retry.isAfter(asked) && !retry.isAfter(asked.plusSeconds(3601)), String.valueOf(retry));
        // another account orders as usual
        Account other = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session);
        other.newOrder().domain("three.limits.example.com").create();
    }
}
