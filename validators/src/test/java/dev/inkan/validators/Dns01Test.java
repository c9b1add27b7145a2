package dev.inkan.validators;

import static dev.inkan.validators.Http01Test.await;
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
import io.vertx.core.Vertx;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Dns01Test {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private static final String KEY_AUTH = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final String NAME = "_acme-challenge.www.example.org";

    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private ValidationAuthorityImpl va;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        va = authority(List.of(harness.dnsAddress()));
    }

    @AfterEach
    void stop() throws Exception {
        await(va.close());
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testDigest_isBase64urlSha256WithoutPadding() {
        // Computed independently: base64.urlsafe_b64encode(hashlib.sha256(ka).digest()).rstrip("=")
        assertEquals("LPsIwTo7o8BoG0-vjCyGQGBWSVIPxI-i_X336eUOQZo", KeyAuthorizationDigest.of(KEY_AUTH));
    }

    @Test
    void testValid_recordHoldsWhatWasSeen() throws Exception {
        harness.setTxt(NAME + ".", KeyAuthorizationDigest.of(KEY_AUTH));
        ValidationOutcome o = validate("www.example.org");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertNull(o.error());
        ValidationRecord r = o.records().get(0);
        assertEquals("dns-01", r.method());
        assertEquals("3.2.2.4.7 (BR 2.2.6)", r.brSection());
        assertEquals("www.example.org", r.hostname());
        assertEquals(NAME, r.url());
        assertEquals(KeyAuthorizationDigest.of(KEY_AUTH), r.valueSeen());
        assertEquals("primary", r.perspective());
        assertEquals(T0, r.checkedAt());
    }

    @Test
    void testValid_wildcardIsCheckedAtItsBaseName() throws Exception {
        harness.setTxt(NAME, KeyAuthorizationDigest.of(KEY_AUTH));
        ValidationOutcome o = await(va.validate(new ValidationRequest(Identifier.dns("*.www.example.org"), "dns-01",
                TOKEN, KEY_AUTH, "https://ca.example/acme/acct/1")));
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
    }

    @Test
    void testFailure_wrongValueIsUnauthorizedAndListsWhatWasFound() throws Exception {
        harness.setTxt(NAME, "not-the-digest");
        ValidationOutcome o = validate("www.example.org");
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("\"not-the-digest\""), o.error().detail());
        assertTrue(o.error().detail().contains(KeyAuthorizationDigest.of(KEY_AUTH)), o.error().detail());
    }

    @Test
    void testValid_oneOfSeveralValuesMatching() throws Exception {
        harness.setTxt(NAME, "left-over-from-the-wildcard");
        harness.setTxt(NAME, KeyAuthorizationDigest.of(KEY_AUTH));
        harness.setTxt(NAME, "another");
        assertTrue(validate("www.example.org").valid());
    }

    @Test
    void testValid_cnameIsFollowedAndShownInTheRecord() throws Exception {
        harness.setCname(NAME, "www.example.org.acme.dns-provider.example");
        harness.setTxt("www.example.org.acme.dns-provider.example", KeyAuthorizationDigest.of(KEY_AUTH));
        ValidationOutcome o = validate("www.example.org");
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        assertTrue(o.records().get(0).url().contains("www.example.org.acme.dns-provider.example"));
    }

    @Test
    void testFailure_servfailIsADnsProblemNotAMissingRecord() throws Exception {
        harness.setTxt(NAME, KeyAuthorizationDigest.of(KEY_AUTH));
        harness.setServfail(NAME);
        ValidationOutcome o = validate("www.example.org");
        assertEquals(ErrorKind.DNS, o.error().kind());
        assertTrue(o.error().detail().contains("SERVFAIL"), o.error().detail());
        assertTrue(o.error().detail().contains(NAME), o.error().detail());
        assertEquals(1, o.records().size());
    }

    @Test
    void testFailure_noRecordIsUnauthorized() throws Exception {
        ValidationOutcome o = validate("www.example.org");
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().startsWith("No TXT record found at " + NAME), o.error().detail());
    }

    @Test
    void testFailure_silentResolverTimesOutAsADnsProblem() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            await(va.close());
            va = authority(List.of("127.0.0.1:" + silent.getLocalPort()));
            ValidationOutcome o = validate("www.example.org");
            assertEquals(ErrorKind.DNS, o.error().kind());
            assertTrue(o.error().detail().contains("timed out"), o.error().detail());
        }
    }

    @Test
    void testValid_nextResolverIsAskedWhenTheFirstIsSilent() throws Exception {
        harness.setTxt(NAME, KeyAuthorizationDigest.of(KEY_AUTH));
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            await(va.close());
            va = authority(List.of("127.0.0.1:" + silent.getLocalPort(), harness.dnsAddress()));
            assertTrue(validate("www.example.org").valid());
        }
    }

    @Test
    void testFailure_cnameLoopIsADnsProblem() throws Exception {
        harness.setCname(NAME, "a.example.org");
        harness.setCname("a.example.org", NAME);
        ValidationOutcome o = validate("www.example.org");
        assertEquals(ErrorKind.DNS, o.error().kind());
    }

    @Test
    void testConfig_resolverMustBeAnIpAddress() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ValidatorConfig.sandbox().withResolvers(List.of("dns.example:53")));
        assertEquals(53, dev.inkan.dns.DnsConfig.resolverAddress("192.0.2.1").getPort());
        assertEquals(5353, dev.inkan.dns.DnsConfig.resolverAddress("[::1]:5353").getPort());
    }

    private ValidationAuthorityImpl authority(List<String> resolvers) {
        ValidatorConfig c = ValidatorConfig.sandbox().withResolvers(resolvers)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        return new ValidationAuthorityImpl(vertx, c, clock);
    }

    private ValidationOutcome validate(String name) throws Exception {
        return await(va.validate(new ValidationRequest(Identifier.dns(name), "dns-01", TOKEN, KEY_AUTH,
                "https://ca.example/acme/acct/1")));
    }
}
