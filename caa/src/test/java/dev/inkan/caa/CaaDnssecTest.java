package dev.inkan.caa;

import static dev.inkan.caa.CaaServiceTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.dns.DnsConfig;
import dev.inkan.dns.DnsResolver;
import dev.inkan.harness.CaaPolicy;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Future;
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

/** BR 3.2.2.8.1: CAA through a validating resolver; a bogus answer is never permission to issue. */
class CaaDnssecTest {
    private static final String ACCOUNT = "https://ca.example/acme/acct/42";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private Vertx vertx;
    private Harness harness;
    private CaaService caa;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        Path anchors = dir.resolve("anchors.zone");
        Files.writeString(anchors, harness.signZone("signed.example") + "\n");
        DnsConfig dns = new DnsConfig(List.of(harness.dnsAddress()), Duration.ofSeconds(8), anchors.toString());
        caa = new CaaService(DnsResolver.of(vertx, dns, clock), CaaConfig.defaults(),
                r -> Future.succeededFuture(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }

    private CaaResult check(String name) throws Exception {
        return await(caa.check(new CaaRequest(name, false, ACCOUNT, "dns-01")));
    }

    @Test
    void testSecure_signedRecordPermitsAndIsRecordedSecure() throws Exception {
        harness.addCaa("www.signed.example", List.of(CaaPolicy.of("issue", "jprs.jp")));
        CaaResult r = check("www.signed.example");
        assertTrue(r.permitted());
        assertEquals("secure", r.dnssec());
    }

    @Test
    void testSecure_provenAbsenceUpToTheZone() throws Exception {
        CaaResult r = check("none.signed.example");
        assertTrue(r.permitted());
        // the climb left the signed zone at "example", which no anchor covers
        assertEquals("insecure", r.dnssec());
    }

    @Test
    void testBogus_brokenSignatureRefusesWithADnsProblem() throws Exception {
        harness.addCaa("www.signed.example", List.of(CaaPolicy.of("issue", "jprs.jp")));
        harness.setBogus("www.signed.example");
        CaaResult r = check("www.signed.example");
        assertFalse(r.permitted());
        assertEquals(ErrorKind.DNS, r.problem().kind());
        assertTrue(r.problem().detail().contains("DNSSEC validation failed"), r.problem().detail());
    }

    @Test
    void testBogus_bogusZoneKeysRefuse() throws Exception {
        harness.setBogus("signed.example");
        assertEquals(ErrorKind.DNS, check("www.signed.example").problem().kind());
    }
}
