package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Certificate Transparency end to end, against the sandbox's three fake logs (two operators): every certificate
 * embeds SCTs that verify with the logs' keys, its precertificate is in the logs and differs from it only by
 * poison and SCT list, and one log down does not stop issuance.
 */
class CtIT {
    private static SandboxServer server;
    private static SSLContext tls;
    private static Map<String, Scts.Log> logs;

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
        logs = Scts.logs(server.home.resolve("ct/log-list.json"));
    }

    static Session session(SandboxServer s, SSLContext context) {
        return new Session(URI.create(s.directoryUrl()), new SandboxProvider(context));
    }

    static void post(String url, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    static JsonObject get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    /** Orders one name through dns-01 and finalizes; returns the order after it left PROCESSING. */
    static Order order(SandboxServer s, Account account, KeyPair domainKey, String name) throws Exception {
        Order order = readyOrder(s, account, name);
        order.execute(domainKey);
        return order;
    }

    /** Orders the name and answers its dns-01 challenge through the mock DNS; the order is then ready. */
    static Order readyOrder(SandboxServer s, Account account, String name) throws Exception {
        Order order = account.newOrder().domains(name).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            post(s.managementUrl() + "/set-txt", "{\"host\":\"_acme-challenge." + name + ".\",\"value\":\""
                    + c.getDigest() + "\"}");
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(30)));
        }
        order.waitUntilReady(Duration.ofSeconds(30));
        return order;
    }

    private static Account account() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session(server, tls));
    }

    private static X509Certificate issuedCertificate(String name) throws Exception {
        Order order = order(server, account(), KeyPairUtils.createECKeyPair("secp256r1"), name);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)),
                () -> String.valueOf(order.getError().orElse(null)));
        return order.getCertificate().getCertificate();
    }

    private static X509Certificate issuer() throws Exception {
        return Pem.certificates(server.caFile("dv.pem")).get(0);
    }

    @Test
    void testSuccess_certificateEmbedsSctsFromTwoOperatorsThatVerifyWithTheLogKeys() throws Exception {
        X509Certificate cert = issuedCertificate("ct-embedded.example.com");

        Scts.assertFromTwoOperatorsAndVerifying(server, cert);
    }

    @Test
    void testSuccess_precertificateInTheLogDiffersFromTheCertificateOnlyByPoisonAndScts() throws Exception {
        X509Certificate cert = issuedCertificate("ct-precert.example.com");
        Scts.Sct first = Scts.embedded(cert.getEncoded()).get(0);
        Scts.Log log = logs.get(Base64.getEncoder().encodeToString(first.logId()));

        byte[] precert = loggedPrecertificate(log.url(), cert);

        assertArrayEquals(Scts.tbsWithout(precert, Scts.POISON), Scts.tbsWithout(cert.getEncoded(), Scts.SCT_LIST));
        assertTrue(Scts.tbsWithout(precert, Scts.POISON).length < Scts.tbsWithout(precert, Scts.SCT_LIST).length,
                "the logged entry is a precertificate: it carries the poison");
    }

    /** get-sth, then get-entries: the precertificate entry with this certificate's serial. */
    private static byte[] loggedPrecertificate(String logUrl, X509Certificate cert) throws Exception {
        int size = get(logUrl + "ct/v1/get-sth").getInteger("tree_size");
        JsonArray entries = get(logUrl + "ct/v1/get-entries?start=0&end=" + (size - 1)).getJsonArray("entries");
        for (Object o : entries) {
            byte[] extra = Base64.getDecoder().decode(((JsonObject) o).getString("extra_data"));
            byte[] leaf = Base64.getDecoder().decode(((JsonObject) o).getString("leaf_input"));
            if (leaf[11] != 1) {
                continue; // entry type x509_entry
            }
            int length = ((extra[0] & 0xff) << 16) | ((extra[1] & 0xff) << 8) | (extra[2] & 0xff);
            byte[] precert = java.util.Arrays.copyOfRange(extra, 3, 3 + length);
            if (org.bouncycastle.asn1.x509.Certificate.getInstance(precert).getSerialNumber().getValue()
                    .equals(cert.getSerialNumber())) {
                return precert;
            }
        }
        throw new AssertionError("no precertificate with serial " + cert.getSerialNumber() + " in " + logUrl);
    }

    @Test
    void testSuccess_oneOfThreeLogsDownStillIssues() throws Exception {
        Scts.Log down = logs.values().stream()
                .filter(l -> logs.values().stream().filter(o -> o.operator().equals(l.operator())).count() > 1)
                .findFirst().orElseThrow();
        post(down.url() + "knobs", "{\"failureRate\": 1.0}");
        try {
            X509Certificate cert = issuedCertificate("ct-one-down.example.com");
            List<Scts.Sct> scts = Scts.embedded(cert.getEncoded());
            assertTrue(scts.stream().noneMatch(s -> logs.get(Base64.getEncoder().encodeToString(s.logId())) == down));
            assertEquals(2, scts.stream().map(s -> logs.get(Base64.getEncoder().encodeToString(s.logId())).operator())
                    .distinct().count());
        } finally {
            post(down.url() + "knobs", "{\"failureRate\": 0.0}");
        }
    }

}
