package dev.inkan.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The validating resolver (BR 3.2.2.4, 3.2.2.8.1) against a zone the harness signs. */
@Timeout(60)
class DnssecResolverTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private DnsConfig config;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        Path anchors = dir.resolve("anchors.zone");
        Files.writeString(anchors, harness.signZone("signed.example") + "\n");
        // generous: answers are expected, and a loaded machine must not turn them into timeouts
        config = new DnsConfig(List.of(harness.dnsAddress()), Duration.ofSeconds(8), anchors.toString());
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private DnsAnswer lookup(String name, int type) throws Exception {
        return await(DnsResolver.of(vertx, config, clock).lookup(name, type));
    }

    @Test
    void testSecure_signedAnswerIsAuthenticated() throws Exception {
        harness.setTxt("www.signed.example", "hello");
        DnsAnswer a = lookup("www.signed.example", Type.TXT);
        assertEquals(List.of("hello"), a.txtValues());
        assertTrue(a.authenticated());
    }

    @Test
    void testSecure_signedNoDataIsProvenAndAuthenticated() throws Exception {
        DnsAnswer a = lookup("nothing.signed.example", Type.CAA);
        assertTrue(a.records().isEmpty());
        assertTrue(a.authenticated());
    }

    @Test
    void testInsecure_nameOutsideTheAnchorsIsAnsweredUnauthenticated() throws Exception {
        harness.setTxt("www.unsigned.example", "plain");
        DnsAnswer a = lookup("www.unsigned.example", Type.TXT);
        assertEquals(List.of("plain"), a.txtValues());
        assertFalse(a.authenticated());
    }

    @Test
    void testBogus_brokenSignatureFailsTheLookup() throws Exception {
        harness.setTxt("www.signed.example", "hello");
        harness.setBogus("www.signed.example");
        ExecutionException e = assertThrows(ExecutionException.class, () -> lookup("www.signed.example", Type.TXT));
        CaException ce = (CaException) e.getCause();
        assertEquals(ErrorKind.DNS, ce.kind());
        assertTrue(ce.detail().contains("SERVFAIL"), ce.detail());
        assertTrue(ce.detail().contains("DNSSEC validation failed"), ce.detail());
    }

    @Test
    void testAnchors_ianaRootAnchorsLoad() {
        DnsResolver r = DnsResolver.of(vertx, new DnsConfig(List.of("192.0.2.53"), Duration.ofSeconds(5),
                DnsConfig.IANA_ROOT), clock);
        assertTrue(r.validatesDnssec());
        assertFalse(DnsResolver.of(vertx, new DnsConfig(List.of("127.0.0.1:8053"), Duration.ofSeconds(5), ""), clock)
                .validatesDnssec());
    }

    @Test
    void testResolverAddress_defaultsToPort53AndReadsBracketedV6() {
        assertEquals(53, DnsConfig.resolverAddress("192.0.2.1").getPort());
        assertEquals(5353, DnsConfig.resolverAddress("[::1]:5353").getPort());
        assertThrows(IllegalArgumentException.class, () -> DnsConfig.resolverAddress("resolver.example"));
    }
}
