package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.port.WebSessions;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.storage.Storage;
import dev.inkan.storage.StorageConfig;
import dev.inkan.vetting.StaffAccounts;
import dev.inkan.vetting.VettingContext;
import dev.inkan.vetting.VettingWeb;
import dev.inkan.vetting.auth.Totp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two console front ends on one store, as behind a load balancer: a staff member gives the password to one and the
 * TOTP code to the other, then works on the first; a session idle past its timeout is over on either.
 */
@Timeout(120)
class VettingSessionsAcrossFrontEndsTest {
    private static final String PASSWORD = "stamp ledger 2026 kanji";
    @TempDir
    Path home;
    private Vertx vertx;
    private Storage storage;
    private HttpServer first;
    private HttpServer second;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @BeforeEach
    void twoFrontEnds() throws Exception {
        vertx = Vertx.vertx();
        storage = await(Storage.open(vertx, StorageConfig.inMemory(), Clock.systemUTC()));
        VettingContext ctx = new VettingContext(storage.vetting(), storage.stores().audit(), Clock.systemUTC(), vertx);
        first = frontEnd(ctx);
        second = frontEnd(ctx);
    }

    private HttpServer frontEnd(VettingContext ctx) throws Exception {
        // what sign-in needs; no registry or registrant lookups are made here
        VettingWeb web = new VettingWeb(vertx, ctx, null, null, (to, subject, text) -> Future.succeededFuture(),
                storage.rateLimitCounters(), storage.webSessions(), home, "https://localhost", "https://localhost/directory");
        return await(vertx.createHttpServer().requestHandler(web.console()).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        await(first.close());
        await(second.close());
        await(storage.close());
        await(vertx.close());
    }

    /** The console's cookies are Secure; over this loopback test's plain HTTP the test carries the cookie itself. */
    private HttpResponse<String> get(HttpServer at, String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.actualPort() + path))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpServer at, String path, String cookie, Map<String, String> form)
            throws Exception {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.actualPort() + path))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString())).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<?> r, String previous) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("inkan-staff="))
                .map(c -> c.substring(0, c.indexOf(';'))).reduce((a, b) -> b).orElse(previous);
    }

    private static String match(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        if (!m.find()) {
            throw new AssertionError(regex + " not in " + body);
        }
        return m.group(1);
    }

    @Test
    void staffSignInStartedOnOneFrontEndFinishesAndWorksOnTheOther() throws Exception {
        VettingContext ctx = new VettingContext(storage.vetting(), storage.stores().audit(), Clock.systemUTC(), vertx);
        String uri = await(new StaffAccounts(ctx).createEnrolled("test", "roaming", "Roaming officer",
                List.of(StaffRole.VETTING_OFFICER), PASSWORD)).otpauthUri();
        String secret = match(uri, "secret=([A-Z2-7]+)");

        HttpResponse<String> loginPage = get(first, "/login", "lang=en");
        String cookie = cookie(loginPage, "");
        String csrf = match(loginPage.body(), "name=\"_csrf\" value=\"([^\"]+)\"");
        HttpResponse<String> password = post(first, "/login", cookie, Map.of("_csrf", csrf, "id", "roaming",
                "password", PASSWORD));
        assertEquals("/login/totp", password.headers().firstValue("Location").orElse(password.body()));
        cookie = cookie(password, cookie);

        HttpResponse<String> totpPage = get(second, "/login/totp", cookie);
        assertEquals(200, totpPage.statusCode(), "the second front end knows the session: " + totpPage.body());
        HttpResponse<String> code = post(second, "/login/totp", cookie, Map.of("_csrf",
                match(totpPage.body(), "name=\"_csrf\" value=\"([^\"]+)\""),
                "code", Totp.code(secret, Totp.step(Instant.now()))));
        assertEquals(303, code.statusCode(), code.body());
        cookie = cookie(code, cookie);

        assertEquals(200, get(first, "/queue", cookie).statusCode());
        assertEquals(200, get(second, "/queue", cookie).statusCode());
    }

    @Test
    void sessionIdlePastItsTimeoutIsOverOnEveryFrontEnd() throws Exception {
        long sixteenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(16).toMillis();
        await(storage.webSessions().put(new WebSessions.Stored("console", "idle-session-id", Map.of("staffId", "someone",
                "stage", "signedIn"), sixteenMinutesAgo, Duration.ofMinutes(15).toMillis(), 1), 0));
        for (HttpServer at : List.of(first, second)) {
            HttpResponse<String> r = get(at, "/queue", "inkan-staff=idle-session-id");
            assertEquals(303, r.statusCode(), r.body());
            assertEquals("/login", r.headers().firstValue("Location").orElseThrow());
        }
    }
}
