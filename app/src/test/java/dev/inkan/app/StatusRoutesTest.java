package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.crl.CrlPublisher;
import dev.inkan.ca.crl.CrlSchedule;
import dev.inkan.ca.ocsp.OcspResponder;
import dev.inkan.ca.ocsp.OcspSchedule;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.CertificateReader;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.RevokedSerials;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRL and OCSP routes through a real HTTP listener on 127.0.0.1, with software keys. */
class StatusRoutesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final CaUrls URLS = new CaUrls("http://localhost:14080");

    private final MutableClock clock = new MutableClock(NOW);
    private final SoftwareHierarchy keys = new SoftwareHierarchy(NOW);
    private final Map<String, CertificateRecord> certificates = new ConcurrentHashMap<>();
    private final List<RevokedEntry> revoked = new ArrayList<>();
    private final AtomicLong numbers = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private CrlPublisher crls;
    private OcspResponder ocsp;
    private HttpServer server;

    private final CrlCounters counters = new CrlCounters() {
        @Override
        public Future<Long> nextCrlNumber(String crlId) {
            return Future.succeededFuture(numbers.incrementAndGet());
        }

        @Override
        public Future<Long> revocationRecorded(String issuerId) {
            return Future.succeededFuture(0L);
        }

        @Override
        public Future<Long> revocations(String issuerId) {
            return Future.succeededFuture(0L);
        }
    };

    private final RevokedSerials source = (issuerId, after) ->
            Future.succeededFuture(issuerId.equals("dv") ? List.copyOf(revoked) : List.of());
    private final CertificateReader reader = serial -> Future.succeededFuture(Optional.ofNullable(certificates.get(serial)));

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
    }

    private void serve(CrlSchedule schedule) throws Exception {
        crls = new CrlPublisher(vertx, keys, keys.certificates, counters, source, URLS,
                schedule.withPollEvery(Duration.ofDays(1)), clock);
        ocsp = new OcspResponder(vertx, keys, keys.certificates, reader, OcspSchedule.defaults(), clock);
        await(crls.start());
        Router router = Router.router(vertx);
        new StatusRoutes(crls, ocsp, clock).mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (crls != null) {
            crls.stop();
        }
        if (server != null) {
            await(server.close());
        }
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void revoke(String serial, RevocationReason reason) {
        revoked.add(new RevokedEntry(serial, NOW.minusSeconds(60), reason, NOW.plus(Duration.ofDays(30))));
    }

    private byte[] ocspRequest(String serial) throws Exception {
        return new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new X509CertificateHolder(keys.certificates.get(0).der()),
                new BigInteger(serial, 16))).build().getEncoded();
    }

    @Test
    void testSuccess_theCrlIsServedAtItsUrlAsPkixCrlWithCachingHeaders() throws Exception {
        revoke("abc1", RevocationReason.KEY_COMPROMISE);
        serve(CrlSchedule.defaults());

        HttpResponse<byte[]> r = get(URI.create(URLS.crl("dv")).getPath());

        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-crl", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=300", r.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Tue, 1 Dec 2026 00:00:00 GMT", r.headers().firstValue("Last-Modified").orElseThrow());
        assertEquals("Sat, 5 Dec 2026 00:00:00 GMT", r.headers().firstValue("Expires").orElseThrow());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(new BigInteger("abc1", 16)).getRevocationReason());
    }

    @Test
    void testSuccess_anUnchangedCrlIsNotModified() throws Exception {
        serve(CrlSchedule.defaults());
        String etag = get("/crl/dv.crl").headers().firstValue("ETag").orElseThrow();

        assertEquals(304, get("/crl/dv.crl", "If-None-Match", etag).statusCode());
        assertEquals(304, get("/crl/dv.crl", "If-Modified-Since", "Tue, 1 Dec 2026 00:00:00 GMT").statusCode());
        await(crls.publishNow("dv"));
        assertEquals(200, get("/crl/dv.crl", "If-None-Match", etag).statusCode());
    }

    @Test
    void testSuccess_shardsAreServedAtTheirOwnUrlsAndUnknownCrlsAre404() throws Exception {
        serve(CrlSchedule.defaults().withShards(2));
        assertEquals(200, get(URI.create(URLS.crl("dv", 1)).getPath()).statusCode());
        // issue 14 finding 6: the full CRL stays served beside the shards, for certificates that name it
        assertEquals(200, get("/crl/dv.crl").statusCode());
        assertEquals(404, get("/crl/dv/7.crl").statusCode());
        assertEquals(404, get("/crl/ov.crl").statusCode());
    }

    @Test
    void testSuccess_ocspByPostAndByGetWithBase64InThePath() throws Exception {
        certificates.put("5eed", new CertificateRecord("5eed", "dv", "acct", "order", CertificateStatus.REVOKED, null,
                new byte[] {1}, List.of("a.example.jp"), "ab", NOW, NOW.plus(Duration.ofDays(90)), NOW,
                NOW.minusSeconds(5), RevocationReason.SUPERSEDED));
        serve(CrlSchedule.defaults());
        byte[] request = ocspRequest("5eed");

        HttpResponse<byte[]> byPost = post("/ocsp/dv", request);
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
        HttpResponse<byte[]> byGet = get("/ocsp/dv/" + encoded);

        assertEquals("application/ocsp-response", byPost.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", byPost.headers().firstValue("Cache-Control").orElseThrow());
        assertArrayEquals(byPost.body(), byGet.body());
        assertEquals("public, max-age=3600, no-transform, must-revalidate",
                byGet.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Sat, 5 Dec 2026 00:00:00 GMT", byGet.headers().firstValue("Expires").orElseThrow());
        OCSPResp resp = new OCSPResp(byGet.body());
        assertEquals(OCSPResponseStatus.SUCCESSFUL, resp.getStatus());
        assertTrue(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus() instanceof RevokedStatus);
    }

    @Test
    void testFailure_aGetThatIsNotBase64IsBadRequestAndGarbageIsMalformed() throws Exception {
        serve(CrlSchedule.defaults());
        assertEquals(400, get("/ocsp/dv/not*base64!").statusCode());
        HttpResponse<byte[]> garbage = post("/ocsp/dv", new byte[] {1, 2, 3});
        assertEquals(200, garbage.statusCode());
        assertEquals(OCSPResponseStatus.MALFORMED_REQUEST, new OCSPResp(garbage.body()).getStatus());
        assertNull(garbage.headers().firstValue("ETag").orElse(null));
    }

    @Test
    void testSuccess_aHundredThousandEntryCrlIsServed() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100_000; i++) {
            revoke(new BigInteger(127, random).setBit(126).toString(16), RevocationReason.values()[i % 6]);
        }
        long t0 = System.nanoTime();
        serve(CrlSchedule.defaults());
        long made = System.nanoTime() - t0;

        int fetches = 10;
        long t1 = System.nanoTime();
        HttpResponse<byte[]> r = null;
        for (int i = 0; i < fetches; i++) {
            r = get("/crl/dv.crl");
            assertEquals(200, r.statusCode());
        }
        long served = (System.nanoTime() - t1) / fetches;
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
        assertEquals(100_000, crl.getRevokedCertificates().size());
        System.out.printf("CRL of 100000 entries, %d bytes: made in %d ms (software key), served over HTTP in %d ms"
                + " per fetch%n", r.body().length, made / 1_000_000, served / 1_000_000);
    }
}
