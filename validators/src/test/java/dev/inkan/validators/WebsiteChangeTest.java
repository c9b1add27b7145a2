package dev.inkan.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** BR 3.2.2.4.18: the random value in a file under /.well-known/pki-validation/, fetched as http-01 is. */
@Timeout(60)
class WebsiteChangeTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final String FILE = "Yx3kZ0qv7TSm1wN4.txt";
    private static final String PATH = "/.well-known/pki-validation/" + FILE;
    private static final String VALUE = "q3vX0c9Vb7dUo0E2m9xg8m3Kx8Ub2Yb5Qk2T8mJvC0A";

    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private ChallengeSite site;
    private ChallengeSite secure;
    private ValidationAuthorityImpl va;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        site = await(new ChallengeSite().start(vertx));
        secure = await(new ChallengeSite().startTls(vertx));
        ValidatorConfig c = new ValidatorConfig(List.of(harness.dnsAddress()), site.port(), secure.port(), true,
                Duration.ofSeconds(2), Duration.ofSeconds(5), ValidatorConfig.PRIMARY);
        va = new ValidationAuthorityImpl(vertx, c, clock);
    }

    @AfterEach
    void stop() throws Exception {
        await(va.close());
        await(site.stop());
        await(secure.stop());
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testValid_fileHoldingTheValueOverHttp() throws Exception {
        site.serve(PATH, "# for the CA\n" + VALUE + "\n");
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        ValidationRecord r = o.records().get(0);
        assertEquals("website-change", r.method());
        assertEquals("3.2.2.4.18 (BR 2.2.6)", r.brSection());
        assertEquals("http://www.example.com:" + site.port() + PATH, r.url());
        assertFalse(r.url().contains(VALUE), "BR 3.2.2.4.18: the value never appears in the request");
    }

    @Test
    void testValid_anySuccessStatusCounts() throws Exception {
        site.on(PATH, req -> req.response().setStatusCode(203).end(VALUE));
        assertTrue(validate("www.example.com").valid());
    }

    @Test
    void testValid_httpsIsTriedWhenHttpHasNoFile() throws Exception {
        secure.serve(PATH, VALUE);
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertEquals(2, o.records().size());
        assertEquals("https://www.example.com:" + secure.port() + PATH, o.records().get(1).url());
    }

    @Test
    void testValid_redirectFollowedAsHttp01Does() throws Exception {
        site.redirect(PATH, "https://www.example.com:" + secure.port() + PATH);
        secure.serve(PATH, VALUE);
        assertTrue(validate("www.example.com").valid());
    }

    @Test
    void testFailure_redirectToAnotherPortRefused() throws Exception {
        site.redirect(PATH, "http://www.example.com:8081" + PATH);
        ValidationOutcome o = validate("www.example.com");
        assertFalse(o.valid());
        assertTrue(o.error().detail().contains("port 8081 is not one of"), o.error().detail());
    }

    @Test
    void testFailure_wrongValueSaysWhatWasSeenOverBothSchemes() throws Exception {
        site.serve(PATH, "not the value");
        ValidationOutcome o = validate("www.example.com");
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().startsWith("Over http: The validation file"), o.error().detail());
        assertTrue(o.error().detail().contains("not the value"), o.error().detail());
        assertTrue(o.error().detail().contains("Over https:"), o.error().detail());
    }

    @Test
    void testFailure_wildcardRefused() throws Exception {
        ValidationOutcome o = validate("*.example.com");
        assertFalse(o.valid());
        assertEquals(ErrorKind.MALFORMED, o.error().kind());
    }

    @Test
    void testFailure_fileNameWithAPathRefused() throws Exception {
        ValidationOutcome o = await(va.validate(new ValidationRequest(Identifier.dns("www.example.com"),
                "website-change", "../acme-challenge/x", VALUE, "https://ca.example/acme/acct/1")));
        assertFalse(o.valid());
        assertEquals(ErrorKind.MALFORMED, o.error().kind());
    }

    private ValidationOutcome validate(String name) throws Exception {
        return await(va.validate(new ValidationRequest(Identifier.dns(name), "website-change", FILE, VALUE,
                "https://ca.example/acme/acct/1")));
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
