package dev.inkan.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.AuditLog;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.dns.DnsConfig;
import dev.inkan.dns.DnsResolver;
import dev.inkan.harness.CaaPolicy;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check against the harness's mock DNS: real queries, real CAA records. */
class CaaServiceTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    private static final String ACCOUNT = "https://ca.example/acme/acct/42";

    private final MutableClock clock = new MutableClock(T0);
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private Harness harness;
    private CaaService caa;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        caa = service(List.of(harness.dnsAddress()));
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }

    private CaaService service(List<String> resolvers) {
        DnsConfig dns = new DnsConfig(resolvers, Duration.ofSeconds(2), "");
        AuditLog log = e -> {
            audit.add(e);
            return Future.succeededFuture();
        };
        return new CaaService(DnsResolver.of(vertx, dns, clock), CaaConfig.defaults(),
                new AuditedIodefReporter(log, clock), clock);
    }

    private CaaResult check(String name, boolean wildcard, String method) throws Exception {
        return await(caa.check(new CaaRequest(name, wildcard, ACCOUNT, method)));
    }

    private CaaResult check(String name) throws Exception {
        return check(name, false, "http-01");
    }

    @Test
    void testPermitted_noCaaAnywhereRecordsTheClimb() throws Exception {
        CaaResult r = check("www.example.com");
        assertTrue(r.permitted());
        assertNull(r.problem());
        assertNull(r.relevantName());
        assertEquals(List.of("www.example.com", "example.com", "com"), r.queried());
        assertEquals(Duration.ZERO, r.ttl());
        assertEquals("unvalidated", r.dnssec());
        assertEquals("primary", r.perspective());
        assertEquals(T0, r.checkedAt());
    }

    @Test
    void testPermitted_ourIssuerDomainNameRecordsTheRrset() throws Exception {
        harness.addCaa("example.com", List.of(CaaPolicy.of("issue", "jprs.jp")));
        CaaResult r = check("example.com");
        assertTrue(r.permitted());
        assertEquals("example.com", r.relevantName());
        assertEquals(List.of("0 issue \"jprs.jp\""), r.records());
    }

    @Test
    void testFailure_anotherCaOnlyIsACaaProblemNamingDomainAndRecord() throws Exception {
        harness.addCaa("other.example.com", List.of(CaaPolicy.of("issue", "letsencrypt.org")));
        CaaResult r = check("other.example.com");
        assertFalse(r.permitted());
        assertEquals(ErrorKind.CAA, r.problem().kind());
        assertEquals(Identifier.dns("other.example.com"), r.problem().identifier());
        assertTrue(r.problem().detail().startsWith("CAA record for other.example.com prevents issuance"),
                r.problem().detail());
        assertTrue(r.problem().detail().contains("0 issue \"letsencrypt.org\""), r.problem().detail());
    }

    @Test
    void testFailure_parentRecordGovernsTheChild() throws Exception {
        harness.addCaa("example.net", List.of(CaaPolicy.of("issue", "letsencrypt.org")));
        CaaResult r = check("deep.www.example.net");
        assertFalse(r.permitted());
        assertEquals("example.net", r.relevantName());
        assertEquals(List.of("deep.www.example.net", "www.example.net", "example.net"), r.queried());
    }

    @Test
    void testPermitted_closestRecordWinsOverTheParent() throws Exception {
        harness.addCaa("example.net", List.of(CaaPolicy.of("issue", "letsencrypt.org")));
        harness.addCaa("www.example.net", List.of(CaaPolicy.of("issue", "jprs.jp")));
        assertTrue(check("www.example.net").permitted());
    }

    @Test
    void testFailure_recordReachedThroughACname() throws Exception {
        harness.setCname("alias.example.org", "target.example.biz");
        harness.addCaa("target.example.biz", List.of(CaaPolicy.of("issue", "letsencrypt.org")));
        CaaResult r = check("alias.example.org");
        assertFalse(r.permitted());
        assertEquals("target.example.biz", r.relevantName());
        assertEquals("alias.example.org (CNAME -> target.example.biz)", r.queried().get(0));
    }

    @Test
    void testFailure_issuewildRefusesTheWildcardButNotTheName() throws Exception {
        harness.addCaa("wild.example.com", List.of(CaaPolicy.of("issue", "jprs.jp"),
                CaaPolicy.of("issuewild", ";")));
        assertTrue(check("wild.example.com", false, "dns-01").permitted());
        CaaResult r = check("wild.example.com", true, "dns-01");
        assertFalse(r.permitted());
        assertEquals(Identifier.dns("*.wild.example.com"), r.problem().identifier());
        assertTrue(r.problem().detail().contains("0 issuewild \";\""), r.problem().detail());
    }

    @Test
    void testFailure_criticalUnknownTag() throws Exception {
        harness.addCaa("crit.example.com", List.of(CaaPolicy.of("issue", "jprs.jp"),
                new CaaPolicy(128, "tbs", "Unknown")));
        CaaResult r = check("crit.example.com");
        assertFalse(r.permitted());
        assertTrue(r.problem().detail().contains("128 tbs \"Unknown\""), r.problem().detail());
    }

    @Test
    void testFailure_servfailIsADnsProblemNotNoCaa() throws Exception {
        harness.setServfail("broken.example.com");
        CaaResult r = check("broken.example.com");
        assertFalse(r.permitted());
        assertEquals(ErrorKind.DNS, r.problem().kind());
        assertTrue(r.problem().detail().contains("SERVFAIL"), r.problem().detail());
        assertTrue(r.problem().detail().contains("broken.example.com"), r.problem().detail());
    }

    @Test
    void testFailure_servfailOnAParentBelowNoRecordIsADnsProblem() throws Exception {
        harness.setServfail("example.info");
        assertEquals(ErrorKind.DNS, check("www.example.info").problem().kind());
    }

    @Test
    void testPermitted_servfailAboveTheRelevantRrsetDoesNotMatter() throws Exception {
        harness.addCaa("www.example.info", List.of(CaaPolicy.of("issue", "jprs.jp")));
        harness.setServfail("example.info");
        assertTrue(check("www.example.info").permitted());
    }

    @Test
    void testFailure_silentResolverIsADnsProblem() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            caa = service(List.of("127.0.0.1:" + silent.getLocalPort()));
            CaaResult r = check("www.example.com");
            assertEquals(ErrorKind.DNS, r.problem().kind());
            assertTrue(r.problem().detail().contains("timed out"), r.problem().detail());
        }
    }

    @Test
    void testFailure_accounturiOfAnotherAccountAndTheMatchingOne() throws Exception {
        harness.addCaa("acct.example.com", List.of(CaaPolicy.of("issue", "jprs.jp; accounturi=" + ACCOUNT)));
        assertTrue(check("acct.example.com").permitted());
        assertFalse(await(caa.check(new CaaRequest("acct.example.com", false, "https://ca.example/acme/acct/7",
                "http-01"))).permitted());
    }

    @Test
    void testFailure_validationmethodsAllowingDns01ButNotHttp01() throws Exception {
        harness.addCaa("vm.example.com", List.of(CaaPolicy.of("issue", "jprs.jp; validationmethods=dns-01")));
        assertTrue(check("vm.example.com", false, "dns-01").permitted());
        CaaResult r = check("vm.example.com", false, "http-01");
        assertFalse(r.permitted());
        assertTrue(r.problem().detail().contains("not http-01"), r.problem().detail());
    }

    @Test
    void testIodef_refusalRecordsAReportInTheAuditLog() throws Exception {
        harness.addCaa("iodef.example.com", List.of(CaaPolicy.of("issue", "letsencrypt.org"),
                CaaPolicy.of("iodef", "mailto:security@iodef.example.com")));
        assertFalse(check("iodef.example.com").permitted());
        assertEquals(1, audit.size());
        AuditEvent e = audit.get(0);
        assertEquals("caa.iodef.report", e.type());
        assertEquals("iodef.example.com", e.subject());
        assertEquals("mailto:security@iodef.example.com", e.details().get("targets"));
        assertTrue(e.details().get("delivery").contains("not sent, no SMTP relay is configured"));
        assertTrue(e.details().get("refusing").contains("0 issue \"letsencrypt.org\""));
    }

    @Test
    void testIodef_noReportWhenPermitted() throws Exception {
        harness.addCaa("ok.example.com", List.of(CaaPolicy.of("issue", "jprs.jp"),
                CaaPolicy.of("iodef", "mailto:security@ok.example.com")));
        assertTrue(check("ok.example.com").permitted());
        assertTrue(audit.isEmpty());
    }

    @Test
    void testFailure_requestWithoutAccountIsRefused() throws Exception {
        CaaResult r = await(caa.check(new CaaRequest("www.example.com", false, null, "http-01")));
        assertFalse(r.permitted());
        assertEquals(ErrorKind.SERVER_INTERNAL, r.problem().kind());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
