package dev.inkan.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TlsAlpn01ResponderTest {
    private static final String KEY_AUTH = "token.thumbprint";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    private Vertx vertx;
    private Harness harness;
    private int port;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        port = await(harness.listenTlsAlpn01("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testHandshake_certificateForTheSniNameHoldsTheDigest() throws Exception {
        assertEquals(200, post("/add-tlsalpn01", "{\"host\":\"www.example.com\",\"content\":\"" + KEY_AUTH + "\"}"));
        try (SSLSocket s = connect("www.example.com", "acme-tls/1")) {
            s.startHandshake();
            assertEquals("acme-tls/1", s.getApplicationProtocol());
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            assertEquals(List.of(List.of(2, "www.example.com")), List.copyOf(cert.getSubjectAlternativeNames()));
            assertTrue(cert.getCriticalExtensionOIDs().contains("1.3.6.1.5.5.7.1.31"));
            byte[] ext = cert.getExtensionValue("1.3.6.1.5.5.7.1.31");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(KEY_AUTH.getBytes(StandardCharsets.UTF_8));
            // extnValue OCTET STRING { OCTET STRING (32) }
            assertArrayEquals(digest, Arrays.copyOfRange(ext, 4, 36));
        }
        JsonArray history = new JsonArray(postForBody("/tlsalpn01-request-history", "{\"host\":\"www.example.com\"}"));
        assertEquals("www.example.com", history.getJsonObject(0).getString("ServerName"));
        assertEquals(new JsonArray(List.of("acme-tls/1")), history.getJsonObject(0).getJsonArray("SupportedProtos"));
    }

    @Test
    void testHandshake_refusedWithoutAcmeTls1() throws Exception {
        harness.addTlsAlpn01("www.example.com", KEY_AUTH);
        try (SSLSocket s = connect("www.example.com", "http/1.1")) {
            assertThrows(SSLException.class, s::startHandshake);
        }
    }

    @Test
    void testHandshake_refusedForANameNotAdded() throws Exception {
        harness.addTlsAlpn01("www.example.com", KEY_AUTH);
        harness.delTlsAlpn01("www.example.com");
        try (SSLSocket s = connect("www.example.com", "acme-tls/1")) {
            assertThrows(SSLException.class, s::startHandshake);
        }
    }

    @Test
    void testMain_tlsalpn01FlagIsOffUnlessGiven() {
        assertEquals(null, HarnessMain.tlsAlpn01(new String[] {"-tlsalpn01", ""}));
        assertEquals(5001, HarnessMain.tlsAlpn01(new String[] {"-tlsalpn01", "127.0.0.1:5001"}).port());
    }

    private SSLSocket connect(String sni, String alpn) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) { }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) { }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(5000);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sni)));
        p.setApplicationProtocols(new String[] {alpn});
        s.setSSLParameters(p);
        return s;
    }

    private int post(String path, String body) throws Exception {
        return send(path, body).statusCode();
    }

    private String postForBody(String path, String body) throws Exception {
        return send(path, body).body();
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + harness.managementPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
