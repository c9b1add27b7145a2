package dev.inkan.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.vertx.core.buffer.Buffer;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Http01Test {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTH = TOKEN + ".nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";
    private static final String PATH = "/.well-known/acme-challenge/" + TOKEN;

    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private ChallengeSite site;
    private ValidationAuthorityImpl va;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        site = await(new ChallengeSite().start(vertx));
        va = authority(site.port(), true, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        await(va.close());
        await(site.stop());
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testValid_keyAuthorizationWithTrailingNewlineIsAccepted() throws Exception {
        site.serve(PATH, KEY_AUTH + "\r\n");
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertNull(o.error());
        ValidationRecord r = o.records().get(0);
        assertEquals("http-01", r.method());
        assertEquals("3.2.2.4.19 (BR 2.2.6)", r.brSection());
        assertEquals("www.example.com", r.hostname());
        assertEquals("http://www.example.com:" + site.port() + PATH, r.url());
        assertEquals(List.of("127.0.0.1"), r.addressesResolved());
        assertEquals("127.0.0.1", r.addressUsed());
        assertEquals(KEY_AUTH + "\\r\\n", r.valueSeen());
        assertEquals("primary", r.perspective());
        assertEquals(T0, r.checkedAt());
        assertEquals(List.of("www.example.com:" + site.port()), site.hostsSeen);
    }

    @Test
    void testFailure_wrongBodyIsUnauthorizedAndSaysWhatWasReceived() throws Exception {
        site.serve(PATH, "something else entirely");
        ValidationOutcome o = validate("www.example.com");
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("something else entirely"), o.error().detail());
        assertEquals(Identifier.dns("www.example.com"), o.error().identifier());
        assertEquals("something else entirely", o.records().get(0).valueSeen());
    }

    @Test
    void testFailure_leadingWhitespaceIsNotIgnored() throws Exception {
        site.serve(PATH, " " + KEY_AUTH);
        assertEquals(ErrorKind.UNAUTHORIZED, validate("www.example.com").error().kind());
    }

    @Test
    void testFailure_notFoundIsUnauthorizedWithTheStatus() throws Exception {
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("HTTP 404"), o.error().detail());
    }

    @Test
    void testFailure_closedPortIsAConnectionProblemNamingTheAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        await(va.close());
        va = authority(closed, true, Duration.ofSeconds(5));
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("127.0.0.1:" + closed), o.error().detail());
        assertTrue(o.error().detail().contains("refused"), o.error().detail());
        assertEquals("127.0.0.1", o.records().get(0).addressUsed());
    }

    @Test
    void testFailure_bodyLargerThanTheCapIsRefused() throws Exception {
        site.serve(PATH, KEY_AUTH + " ".repeat(Http01Attempt.MAX_BODY));
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("too large"), o.error().detail());
    }

    @Test
    void testFailure_chunkedBodyLargerThanTheCapIsCutOff() throws Exception {
        site.on(PATH, req -> {
            req.response().setChunked(true);
            for (int i = 0; i < 20; i++) {
                req.response().write(Buffer.buffer("x".repeat(8192)));
            }
            req.response().end();
        });
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("more than 65536 octets"), o.error().detail());
    }

    @Test
    void testFailure_noAnswerWithinTheTimeoutIsAConnectionProblem() throws Exception {
        site.on(PATH, req -> { });
        await(va.close());
        va = authority(site.port(), true, Duration.ofMillis(500));
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("500 ms"), o.error().detail());
    }

    @Test
    void testValid_redirectToAnotherNameIsFollowedAndRecorded() throws Exception {
        String target = "http://cdn.example.net:" + site.port() + "/acme/" + TOKEN;
        site.redirect(PATH, target);
        site.serve("/acme/" + TOKEN, KEY_AUTH);
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertEquals(2, o.records().size());
        assertEquals("cdn.example.net", o.records().get(1).hostname());
        assertEquals(target, o.records().get(1).url());
        assertEquals(List.of("www.example.com:" + site.port(), "cdn.example.net:" + site.port()), site.hostsSeen);
        assertEquals(2, harness.dnsRequestHistory("cdn.example.net").size()); // A and AAAA, from our resolver
    }

    @Test
    void testValid_redirectToHttpsIsFollowedWithoutCheckingTheCertificate() throws Exception {
        ChallengeSite secure = await(new ChallengeSite().startTls(vertx));
        try {
            await(va.close());
            va = new ValidationAuthorityImpl(vertx, new ValidatorConfig(List.of(harness.dnsAddress()), site.port(),
                    secure.port(), true, Duration.ofSeconds(10), Duration.ofSeconds(30), "primary"), clock);
            String target = "https://secure.example.com:" + secure.port() + PATH;
            site.redirect(PATH, target);
            secure.serve(PATH, KEY_AUTH);
            ValidationOutcome o = validate("www.example.com");
            assertTrue(o.valid(), () -> String.valueOf(o.error()));
            assertEquals(target, o.records().get(1).url());
            assertEquals(List.of("secure.example.com"), secure.serverNamesSeen);
        } finally {
            await(secure.stop());
        }
    }

    @Test
    void testFailure_redirectToAnotherPortIsRefused() throws Exception {
        site.redirect(PATH, "http://www.example.com:8081/elsewhere");
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("port 8081"), o.error().detail());
    }

    @Test
    void testFailure_redirectToAnotherSchemeIsRefused() throws Exception {
        site.redirect(PATH, "ftp://www.example.com/file");
        assertTrue(validate("www.example.com").error().detail().contains("only http and https"));
    }

    @Test
    void testFailure_redirectToItselfIsALoop() throws Exception {
        site.redirect(PATH, PATH);
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("Redirect loop"), o.error().detail());
        assertEquals(1, o.records().size());
    }

    @Test
    void testFailure_redirectLoopThroughAnotherNameIsRefused() throws Exception {
        site.redirect(PATH, "http://other.example.com:" + site.port() + "/bounce");
        site.redirect("/bounce", "http://www.example.com:" + site.port() + PATH);
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.error().detail().contains("Redirect loop"), o.error().detail());
        assertEquals(2, o.records().size());
    }

    @Test
    void testValid_tenRedirectsAreFollowed() throws Exception {
        chain(10);
        ValidationOutcome o = validate("www.example.com");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertEquals(11, o.records().size());
    }

    @Test
    void testFailure_elevenRedirectsAreRefused() throws Exception {
        chain(11);
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("Too many redirects (more than 10)"), o.error().detail());
        assertEquals(Http01Attempt.MAX_REDIRECTS + 1, o.records().size());
    }

    /** PATH redirects to /r1, /r1 to /r2, ... /r{n} serves the key authorization. */
    private void chain(int n) {
        String from = PATH;
        for (int i = 1; i <= n; i++) {
            site.redirect(from, "/r" + i);
            from = "/r" + i;
        }
        site.serve(from, KEY_AUTH);
    }

    @Test
    void testFailure_303IsNotFollowed() throws Exception {
        site.on(PATH, req -> req.response().setStatusCode(303).putHeader("Location", "/elsewhere").end());
        site.serve("/elsewhere", KEY_AUTH);
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("HTTP 303"), o.error().detail());
    }

    @Test
    void testValid_301And307And308AreFollowed() throws Exception {
        site.on(PATH, req -> req.response().setStatusCode(301).putHeader("Location", "/a").end());
        site.on("/a", req -> req.response().setStatusCode(307).putHeader("Location", "/b").end());
        site.on("/b", req -> req.response().setStatusCode(308).putHeader("Location", "/c").end());
        site.serve("/c", KEY_AUTH);
        assertTrue(validate("www.example.com").valid());
    }

    @Test
    void testFailure_tenMegabyteBodyIsRefusedQuickly() throws Exception {
        byte[] tenMb = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMb, (byte) 'x');
        site.on(PATH, req -> req.response().end(Buffer.buffer(tenMb)));
        // a deadline, not a measurement: refused on the declared length, never read to the end
        ValidationOutcome o = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> validate("www.example.com"));
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("too large (10485760 octets declared)"), o.error().detail());
    }

    @Test
    void testFailure_tenMegabyteChunkedBodyIsCutOffQuickly() throws Exception {
        site.on(PATH, req -> {
            req.response().setChunked(true);
            Buffer mb = Buffer.buffer(new byte[1024 * 1024]);
            for (int i = 0; i < 10; i++) {
                req.response().write(mb);
            }
            req.response().end();
        });
        ValidationOutcome o = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> validate("www.example.com"));
        assertTrue(o.error().detail().contains("more than 65536 octets"), o.error().detail());
    }

    @Test
    void testConfig_productionRedirectsOnlyToPorts80And443() {
        ValidatorConfig production = ValidatorConfig.defaults(List.of("192.0.2.53"));
        assertEquals(java.util.Set.of(80, 443), production.redirectPorts());
        assertEquals(java.util.Set.of(80, 443, 5002, 5001), ValidatorConfig.sandbox().redirectPorts());
    }

    @Test
    void testConfig_productionRefusesSandboxPortsAndPrivateAddresses() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ValidatorConfig(
                List.of("192.0.2.53"), 5002, 443, false, Duration.ofSeconds(1), Duration.ofSeconds(1), "primary",
                ValidatorConfig.PRODUCTION, ValidatorConfig.IANA_ROOT));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ValidatorConfig(
                List.of("192.0.2.53"), 80, 443, true, Duration.ofSeconds(1), Duration.ofSeconds(1), "primary",
                ValidatorConfig.PRODUCTION, ValidatorConfig.IANA_ROOT));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ValidatorConfig(
                List.of("192.0.2.53"), 80, 443, false, Duration.ofSeconds(1), Duration.ofSeconds(1), "primary",
                ValidatorConfig.PRODUCTION, ""));
    }

    @Test
    void testFailure_servfailIsADnsProblem() throws Exception {
        harness.setServfail("www.example.com");
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.DNS, o.error().kind());
        assertTrue(o.error().detail().contains("SERVFAIL"), o.error().detail());
    }

    @Test
    void testFailure_noAddressIsADnsProblem() throws Exception {
        harness.setDefaultIPv4("");
        ValidationOutcome o = validate("nowhere.example.com");
        assertEquals(ErrorKind.DNS, o.error().kind());
        assertTrue(o.error().detail().contains("NXDOMAIN"), o.error().detail());
    }

    @Test
    void testFailure_loopbackIsRefusedUnlessAllowed() throws Exception {
        site.serve(PATH, KEY_AUTH);
        await(va.close());
        va = authority(site.port(), false, Duration.ofSeconds(30));
        ValidationOutcome o = validate("www.example.com");
        assertEquals(ErrorKind.DNS, o.error().kind());
        assertTrue(o.error().detail().contains("127.0.0.1"), o.error().detail());
        assertTrue(site.hostsSeen.isEmpty());
    }

    @Test
    void testValid_connectsToTheAddressOurResolverGave() throws Exception {
        harness.addA("www.example.com", List.of("127.0.0.2"));
        ValidationOutcome o = validate("www.example.com");
        // The site listens on 127.0.0.1 only; reaching 127.0.0.2 fails, which proves where we went.
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertEquals("127.0.0.2", o.records().get(0).addressUsed());
    }

    @Test
    void testFailure_unsupportedChallengeTypeIsMalformed() throws Exception {
        ValidationOutcome o = await(va.validate(new ValidationRequest(
                Identifier.dns("www.example.com"), "email-reply-00", TOKEN, KEY_AUTH, "https://ca/acct/1")));
        assertFalse(o.valid());
        assertEquals(ErrorKind.MALFORMED, o.error().kind());
    }

    private ValidationAuthorityImpl authority(int port, boolean allowPrivate, Duration httpTimeout) {
        ValidatorConfig c = new ValidatorConfig(List.of(harness.dnsAddress()), port, 443, allowPrivate,
                Duration.ofSeconds(10), httpTimeout, ValidatorConfig.PRIMARY);
        return new ValidationAuthorityImpl(vertx, c, clock);
    }

    private ValidationOutcome validate(String name) throws Exception {
        return await(va.validate(new ValidationRequest(Identifier.dns(name), "http-01", TOKEN, KEY_AUTH,
                "https://ca.example/acme/acct/1")));
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
