package dev.inkan.validators;

import static dev.inkan.validators.Http01Test.await;
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
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tls-alpn-01 (RFC 8737, BR 3.2.2.4.20) against the harness responder and against servers that get it wrong. */
class TlsAlpn01Test {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    private static final String KEY_AUTH = TOKEN + ".nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";
    private static final String NAME = "www.example.com";

    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private ValidationAuthorityImpl va;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
    }

    @AfterEach
    void stop() throws Exception {
        if (va != null) {
            await(va.close());
        }
        await(harness.stop());
        await(vertx.close());
    }

    private ValidationOutcome validate(int port, String name) throws Exception {
        ValidatorConfig c = new ValidatorConfig(List.of(harness.dnsAddress()), 80, port, true,
                Duration.ofSeconds(2), Duration.ofSeconds(3), ValidatorConfig.PRIMARY);
        va = new ValidationAuthorityImpl(vertx, c, clock);
        return await(va.validate(new ValidationRequest(Identifier.dns(name), "tls-alpn-01", TOKEN, KEY_AUTH,
                "https://ca.example/acme/acct/1")));
    }

    private static DEROctetString digest() {
        return new DEROctetString(AcmeIdentifierCertificate.sha256(KEY_AUTH));
    }

    @Test
    void testValid_harnessResponderAnswersAndTheRecordSaysWhatWasSeen() throws Exception {
        int port = await(harness.listenTlsAlpn01("127.0.0.1", 0));
        harness.addTlsAlpn01(NAME, KEY_AUTH);
        ValidationOutcome o = validate(port, NAME);
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        ValidationRecord r = o.records().get(0);
        assertEquals("tls-alpn-01", r.method());
        assertEquals("3.2.2.4.20 (BR 2.2.6)", r.brSection());
        assertEquals(NAME + ":" + port, r.url());
        assertEquals("127.0.0.1", r.addressUsed());
        assertTrue(r.valueSeen().contains("alpn=acme-tls/1"), r.valueSeen());
        assertTrue(r.valueSeen().contains("(critical)"), r.valueSeen());
        assertEquals(T0, r.checkedAt());
        assertEquals(List.of("acme-tls/1"), harness.tlsAlpnRequestHistory(NAME).get(0).supportedProtos());
    }

    @Test
    void testValid_nameComparedCaseInsensitively() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of("WWW.Example.COM"), digest(), true, true)) {
            assertTrue(validate(site.port(), NAME).valid());
        }
    }

    @Test
    void testFailure_wrongKeyAuthorizationIsUnauthorizedWithBothDigests() throws Exception {
        int port = await(harness.listenTlsAlpn01("127.0.0.1", 0));
        harness.addTlsAlpn01(NAME, "another.token");
        ValidationOutcome o = validate(port, NAME);
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("expected SHA-256 of the key authorization"), o.error().detail());
    }

    @Test
    void testFailure_noCertificateForTheNameIsATlsProblem() throws Exception {
        int port = await(harness.listenTlsAlpn01("127.0.0.1", 0));
        ValidationOutcome o = validate(port, NAME);
        assertEquals(ErrorKind.TLS, o.error().kind());
        assertTrue(o.error().detail().contains("acme-tls/1"), o.error().detail());
    }

    @Test
    void testFailure_secondSubjectAltNameIsRefused() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of(NAME, "other.example.com"), digest(), true, true)) {
            ValidationOutcome o = validate(site.port(), NAME);
            assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
            assertTrue(o.error().detail().contains("exactly one subjectAltName"), o.error().detail());
        }
    }

    @Test
    void testFailure_otherNameIsRefused() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of("other.example.com"), digest(), true, true)) {
            assertEquals(ErrorKind.UNAUTHORIZED, validate(site.port(), NAME).error().kind());
        }
    }

    @Test
    void testFailure_nonCriticalExtensionIsRefused() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of(NAME), digest(), false, true)) {
            ValidationOutcome o = validate(site.port(), NAME);
            assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
            assertTrue(o.error().detail().contains("must be critical"), o.error().detail());
        }
    }

    @Test
    void testFailure_missingExtensionIsRefused() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of(NAME), null, true, true)) {
            assertTrue(validate(site.port(), NAME).error().detail().contains("no acmeIdentifier extension"));
        }
    }

    @Test
    void testFailure_extensionNotAnOctetStringIsRefused() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of(NAME), new DERUTF8String("digest"), true, true)) {
            assertTrue(validate(site.port(), NAME).error().detail().contains("OCTET STRING of 32 octets"));
        }
    }

    @Test
    void testFailure_serverWithoutAlpnIsATlsProblem() throws Exception {
        try (TlsAlpnSite site = new TlsAlpnSite(List.of(NAME), digest(), true, false)) {
            ValidationOutcome o = validate(site.port(), NAME);
            assertEquals(ErrorKind.TLS, o.error().kind());
            assertTrue(o.error().detail().contains("did not negotiate the ALPN protocol"), o.error().detail());
        }
    }

    @Test
    void testFailure_closedPortIsAConnectionProblem() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        ValidationOutcome o = validate(closed, NAME);
        assertFalse(o.valid());
        assertEquals(ErrorKind.CONNECTION, o.error().kind());
        assertTrue(o.error().detail().contains("connection refused"), o.error().detail());
    }

    @Test
    void testFailure_aTricklingPeerIsCutAtTheDeadlineAndItsSocketClosed() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 8, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.concurrent.CompletableFuture<String> peer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket c = s.accept()) {
                    var out = c.getOutputStream();
                    // a TLS record header promising 16 KiB, then one byte every 300 ms: each read succeeds in time
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                    for (int i = 0; i < 100; i++) {
                        Thread.sleep(300);
                        out.write('a');
                        out.flush();
                    }
                    return "never closed";
                } catch (java.io.IOException e) {
                    return "closed by the validator";
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            });
            ValidationOutcome o = validate(s.getLocalPort(), NAME);
            assertFalse(o.valid());
            assertEquals(ErrorKind.CONNECTION, o.error().kind());
            assertTrue(o.error().detail().contains("within 3000 ms"), o.error().detail());
            assertEquals("closed by the validator", peer.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void testFailure_servfailIsADnsProblem() throws Exception {
        harness.setServfail(NAME);
        assertEquals(ErrorKind.DNS, validate(443, NAME).error().kind());
    }
}
