package dev.inkan.harness.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeCtLogsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private Vertx vertx;
    private FakeCtLogs logs;
    private WebClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        logs = await(FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), new MutableClock(NOW)));
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        await(logs.stop());
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void testSuccess_logListNamesThreeLogsOfTwoOperatorsWithTheirKeys() {
        JsonObject list = logs.logList();
        assertEquals(2, list.getJsonArray("operators").size());
        JsonObject a = list.getJsonArray("operators").getJsonObject(0);
        assertEquals(2, a.getJsonArray("logs").size());
        JsonObject log = a.getJsonArray("logs").getJsonObject(0);
        assertEquals(logs.logs().get(0).url(), log.getString("url"));
        assertEquals(Base64.getEncoder().encodeToString(logs.logs().get(0).logId()), log.getString("log_id"));
        assertTrue(log.getJsonObject("state").containsKey("usable"));
    }

    @Test
    void testSuccess_emptyTreeHeadIsSignedWithTheLogKey() throws Exception {
        FakeCtLog log = logs.logs().get(0);
        JsonObject sth = await(client.getAbs(log.url() + "ct/v1/get-sth").send()).bodyAsJsonObject();

        assertEquals(0, sth.getInteger("tree_size"));
        // RFC 6962 §2.1: the hash of an empty tree is SHA-256 of nothing
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", sth.getString("sha256_root_hash"));
        byte[] ds = Base64.getDecoder().decode(sth.getString("tree_head_signature"));
        java.io.ByteArrayOutputStream tbs = new java.io.ByteArrayOutputStream();
        tbs.write(0);
        tbs.write(1);
        Tls.uint(tbs, sth.getLong("timestamp"), 8);
        Tls.uint(tbs, 0, 8);
        tbs.writeBytes(Base64.getDecoder().decode(sth.getString("sha256_root_hash")));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(log.publicKeyDer())));
        s.update(tbs.toByteArray());
        assertTrue(s.verify(java.util.Arrays.copyOfRange(ds, 4, ds.length)));
    }

    @Test
    void testFailure_treeHeadSignatureVerifiesNeitherWithAnotherLogsKeyNorOverOtherBytes() throws Exception {
        FakeCtLog log = logs.logs().get(0);
        JsonObject sth = await(client.getAbs(log.url() + "ct/v1/get-sth").send()).bodyAsJsonObject();
        byte[] ds = Base64.getDecoder().decode(sth.getString("tree_head_signature"));
        byte[] signature = java.util.Arrays.copyOfRange(ds, 4, ds.length);
        java.io.ByteArrayOutputStream tbs = new java.io.ByteArrayOutputStream();
        tbs.write(0);
        tbs.write(1);
        Tls.uint(tbs, sth.getLong("timestamp"), 8);
        Tls.uint(tbs, 0, 8);
        tbs.writeBytes(Base64.getDecoder().decode(sth.getString("sha256_root_hash")));
        byte[] signed = tbs.toByteArray();
        byte[] tampered = signed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertTrue(jdkVerifies(log.publicKeyDer(), signed, signature));
        assertFalse(jdkVerifies(logs.logs().get(1).publicKeyDer(), signed, signature));
        assertFalse(jdkVerifies(log.publicKeyDer(), tampered, signature));
    }

    private static boolean jdkVerifies(byte[] spki, byte[] signed, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
        s.update(signed);
        return s.verify(signature);
    }

    @Test
    void testFailure_failureRateKnobMakesSubmissions503AndIsReadBack() throws Exception {
        FakeCtLog log = logs.logs().get(1);
        JsonObject knobs = await(client.postAbs(log.url() + "knobs").sendJsonObject(new JsonObject()
                .put("failureRate", 1.0).put("latencyMillis", 5))).bodyAsJsonObject();
        assertEquals(1.0, knobs.getDouble("failureRate"));

        int status = await(client.postAbs(log.url() + "ct/v1/add-pre-chain")
                .sendJsonObject(new JsonObject().put("chain", List.of()))).statusCode();

        assertEquals(503, status);
        assertEquals(List.of(), log.entries());
    }

    @Test
    void testSuccess_chainSignedByTheNextCertificateIsLoggedAndOneSignedByAnotherKeyIsRefused() throws Exception {
        FakeCtLog log = logs.logs().get(0);
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair ca = g.generateKeyPair();
        java.security.KeyPair other = g.generateKeyPair();
        byte[] issuer = certificate("CN=Test CA", ca.getPublic(), ca, false);
        byte[] signedByCa = certificate("CN=www.example.jp", other.getPublic(), ca, true);
        byte[] signedByOther = certificate("CN=www.example.jp", other.getPublic(), other, true);

        int logged = await(client.postAbs(log.url() + "ct/v1/add-pre-chain").sendJsonObject(new JsonObject()
                .put("chain", List.of(b64(signedByCa), b64(issuer))))).statusCode();
        io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> refused =
                await(client.postAbs(log.url() + "ct/v1/add-pre-chain").sendJsonObject(new JsonObject()
                        .put("chain", List.of(b64(signedByOther), b64(issuer)))));

        assertEquals(200, logged);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.bodyAsString().contains("not signed by the next one"), refused.bodyAsString());
        assertEquals(1, log.entries().size());
    }

    private static String b64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static byte[] certificate(String subject, java.security.PublicKey key, java.security.KeyPair signer,
            boolean precertificate) throws Exception {
        org.bouncycastle.cert.X509v3CertificateBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=Test CA"), java.math.BigInteger.valueOf(System.nanoTime()),
                java.util.Date.from(NOW), java.util.Date.from(NOW.plusSeconds(86_400L * 90)),
                new org.bouncycastle.asn1.x500.X500Name(subject), key);
        if (precertificate) {
            b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3"), true,
                    org.bouncycastle.asn1.DERNull.INSTANCE);
        }
        return b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                .build(signer.getPrivate())).getEncoded();
    }

    @Test
    void testFailure_malformedChainIsRefusedWith400() throws Exception {
        int status = await(client.postAbs(logs.logs().get(2).url() + "ct/v1/add-chain")
                .sendJsonObject(new JsonObject().put("chain", List.of("bm90IGEgY2VydA==")))).statusCode();
        assertEquals(400, status);
    }
}
