package dev.inkan.validators;

import static dev.inkan.validators.Http01Test.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Domain validation through the validating resolver (BR 3.2.2.4, 3.2.2.8.1) against a zone the harness signs. */
class DnssecTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private static final String KEY_AUTH = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private ValidatorConfig config;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        Path anchors = dir.resolve("anchors.zone");
        Files.writeString(anchors, harness.signZone("signed.example") + "\n");
        config = ValidatorConfig.sandbox().withResolvers(List.of(harness.dnsAddress()))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withDnssecTrustAnchors(anchors.toString());
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }






    @Test
    void testBogus_dns01FailsOnABogusTxt() throws Exception {
        String qname = "_acme-challenge.www.signed.example";
        harness.setTxt(qname, KeyAuthorizationDigest.of(KEY_AUTH));
        ValidationAuthorityImpl va = new ValidationAuthorityImpl(vertx, config, clock);
        try {
            assertTrue(validate(va, "www.signed.example").valid());
            harness.setBogus(qname);
            ValidationOutcome o = validate(va, "www.signed.example");
            assertEquals(ErrorKind.DNS, o.error().kind());
            assertTrue(o.error().detail().contains("DNSSEC validation failed"), o.error().detail());
        } finally {
            await(va.close());
        }
    }

    @Test
    void testDnssec_dns01RecordKeepsTheDnssecStatusOfItsTxtLookup() throws Exception {
        harness.setTxt("_acme-challenge.www.signed.example", KeyAuthorizationDigest.of(KEY_AUTH));
        harness.setTxt("_acme-challenge.www.unsigned.example", KeyAuthorizationDigest.of(KEY_AUTH));
        ValidationAuthorityImpl va = new ValidationAuthorityImpl(vertx, config, clock);
        ValidationAuthorityImpl plain = new ValidationAuthorityImpl(vertx, config.withDnssecTrustAnchors(""), clock);
        try {
            ValidationOutcome signed = validate(va, "www.signed.example");
            assertTrue(signed.valid());
            assertEquals("secure", signed.records().get(0).dnssec());
            assertEquals("insecure", validate(va, "www.unsigned.example").records().get(0).dnssec());
            assertEquals("unvalidated", validate(plain, "www.signed.example").records().get(0).dnssec());
        } finally {
            await(va.close());
            await(plain.close());
        }
    }

    @Test
    void testProduction_loopbackIsRefused() throws Exception {
        ValidatorConfig production = new ValidatorConfig(List.of(harness.dnsAddress()), 80, 443, false,
                Duration.ofSeconds(10), Duration.ofSeconds(10), ValidatorConfig.PRIMARY, ValidatorConfig.PRODUCTION,
                config.dnssecTrustAnchors());
        ValidationAuthorityImpl va = new ValidationAuthorityImpl(vertx, production, clock);
        try {
            ValidationOutcome o = await(va.validate(new ValidationRequest(Identifier.dns("www.example.com"),
                    "http-01", TOKEN, KEY_AUTH, "https://ca.example/acme/acct/1")));
            assertEquals(ErrorKind.DNS, o.error().kind());
            assertTrue(o.error().detail().contains("127.0.0.1"), o.error().detail());
            assertTrue(o.error().detail().contains("does not connect to"), o.error().detail());
        } finally {
            await(va.close());
        }
    }


    private ValidationOutcome validate(ValidationAuthorityImpl va, String name) throws Exception {
        return await(va.validate(new ValidationRequest(Identifier.dns(name), "dns-01", TOKEN, KEY_AUTH,
                "https://ca.example/acme/acct/1")));
    }
}
