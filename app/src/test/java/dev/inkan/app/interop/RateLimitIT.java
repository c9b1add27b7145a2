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

/**
 * A sandbox with the new-orders limit at 2 an hour and 3 pending authorizations per account: orders past either are
 * 429 rateLimited with Retry-After, and a stored per-account override set on the staff endpoint lifts the limit.
 */
@Timeout(180)
class RateLimitIT {
    private static SandboxServer server;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        // acme4j makes its key pairs through Bouncy Castle
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-home-rate-limits");
        SandboxServer.deleteTree(home);
        server = SandboxServer.start(home, Map.of(
                "INKAN_RATELIMITS_SANDBOX_MULTIPLIER", "1",
                "INKAN_RATELIMITS_NEW_ORDERS_PER_ACCOUNT", "{\"count\":2,\"windowSeconds\":3600}",
                "INKAN_RATELIMITS_PENDING_AUTHORIZATIONS_PER_ACCOUNT", "{\"count\":3}"));
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

    @Test
    void testFailure_ordersPastThePendingAuthorizationsLimitAreRateLimited() throws Exception {
        Session session = new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session);
        account.newOrder().domains("a.pending.example.com", "b.pending.example.com", "c.pending.example.com")
                .create();
        AcmeRateLimitedException e = assertThrows(AcmeRateLimitedException.class,
                () -> account.newOrder().domain("d.pending.example.com").create());
        assertEquals(URI.create("urn:ietf:params:acme:error:rateLimited"), e.getType());
        assertTrue(e.getMessage().contains("pending authorizations"), e.getMessage());
        assertTrue(e.getRetryAfter().orElseThrow().isAfter(Instant.now().plusSeconds(3600)), "retry once they expire");
    }

    @Test
    void testSuccess_aStoredOverrideSetOnTheStaffEndpointLiftsTheLimit() throws Exception {
        Session session = new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session);
        account.newOrder().domain("one.override.example.com").create();
        account.newOrder().domain("two.override.example.com").create();
        assertThrows(AcmeRateLimitedException.class, () -> account.newOrder().domain("three.override.example.com")
                .create());
        String path = account.getLocation().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        io.vertx.core.json.JsonObject admin = new io.vertx.core.json.JsonObject(
                java.nio.file.Files.readString(server.home.resolve("admin.json")));
        java.net.http.HttpResponse<String> set = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(admin.getString("url") + "/admin/rate-limit-overrides"))
                        .header("Authorization", "Bearer " + admin.getString("token"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new io.vertx.core.json.JsonObject()
                                .put("account", id).put("counts", new io.vertx.core.json.JsonObject()
                                        .put("newOrdersPerAccount", 5)).encode()))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, set.statusCode(), set.body());
        // every front end reads an account's overrides again within RateLimits.OVERRIDES_FRESH (10 s)
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                account.newOrder().domain("three.override.example.com").create();
                break;
            } catch (AcmeRateLimitedException stillCached) {
                assertTrue(System.nanoTime() < until, "the override never took effect");
                Thread.sleep(1000);
            }
        }
    }
}
