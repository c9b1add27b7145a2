package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

/** acme4j, a full Java ACME client, for what the shell clients do not exercise. */
class Acme4jIT {
    private static SandboxServer server;
    private static SSLContext tls;


    @BeforeAll
    static void start() throws Exception {
        // acme4j builds CSRs with Bouncy Castle as a named JCA provider.
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
    }

    private static Session session() {
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
    }

    private static Account newAccount(KeyPair key) throws AcmeException {
        return new AccountBuilder().agreeToTermsOfService().addEmail("ops@example.com").useKeyPair(key).create(session());
    }

    private static void setTxt(String name, String value) throws Exception {
        post("/set-txt", "{\"host\":\"_acme-challenge." + name + ".\",\"value\":\"" + value + "\"}");
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.managementUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Orders the names, answers every dns-01 challenge through the mock DNS, finalizes, returns the certificate. */
    private static Certificate issue(Account account, KeyPair domainKey, String... names) throws Exception {
        Order order = account.newOrder().domains(names).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            setTxt(auth.getIdentifier().getDomain(), c.getDigest());
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(30)), () -> c.getError().toString());
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(domainKey);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)), () -> order.getError().toString());
        Certificate cert = order.getCertificate();
        cert.download();
        return cert;
    }

    private static String problemType(AcmeServerException e) {
        String type = e.getType().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @Test
    void testSuccess_termsOfServiceTheDirectoryNamesIsServed() throws Exception {
        URI terms = session().getMetadata().getTermsOfService().orElseThrow();
        HttpResponse<String> page = HttpClient.newBuilder().sslContext(tls).build().send(
                HttpRequest.newBuilder(terms).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), terms + " answered " + page.body());
        assertTrue(page.body().contains("terms of use"), page.body());
    }

    @Test
    void testSuccess_accountKeyRollover() throws Exception {
        KeyPair oldKey = KeyPairUtils.createKeyPair();
        KeyPair newKey = KeyPairUtils.createKeyPair();
        Account account = newAccount(oldKey);
        account.changeKey(newKey);

        Account again = new AccountBuilder().onlyExisting().useKeyPair(newKey).create(session());
        assertEquals(account.getLocation(), again.getLocation());
        AcmeServerException e = assertThrows(AcmeServerException.class,
                () -> new AccountBuilder().onlyExisting().useKeyPair(oldKey).create(session()));
        assertEquals("accountDoesNotExist", problemType(e));
    }

    @Test
    void testSuccess_deactivatedAccountCanNoLongerOrder() throws Exception {
        Account account = newAccount(KeyPairUtils.createKeyPair());
        account.deactivate();
        assertEquals(Status.DEACTIVATED, account.getStatus());
        AcmeServerException e = assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain("deactivated.example.com").create());
        assertEquals("unauthorized", problemType(e));
    }

    @Test
    void testSuccess_ordersListPagesThroughEveryOrder() throws Exception {
        Account account = newAccount(KeyPairUtils.createKeyPair());
        Set<URI> created = new java.util.HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(account.newOrder().domain("list" + i + ".example.com").create().getLocation().toURI());
        }
        List<URI> listed = new ArrayList<>();
        account.getOrders().forEachRemaining(o -> listed.add(uri(o)));
        assertEquals(created, Set.copyOf(listed));
        assertEquals(5, listed.size());
    }

    private static URI uri(Order o) {
        try {
            return o.getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void testSuccess_revokeWithTheCertificateKey() throws Exception {
        Account account = newAccount(KeyPairUtils.createKeyPair());
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        Certificate cert = issue(account, domainKey, "revoke-by-key.example.com");
        X509Certificate x509 = cert.getCertificate();
        Certificate.revoke(session(), domainKey, x509, RevocationReason.KEY_COMPROMISE);

        AcmeServerException again = assertThrows(AcmeServerException.class,
                () -> Certificate.revoke(session(), domainKey, x509, RevocationReason.KEY_COMPROMISE));
        assertEquals("alreadyRevoked", problemType(again));
    }

    @Test
    void testSuccess_chainEndsAtTheIssuingCaAndNamesMatch() throws Exception {
        Account account = newAccount(KeyPairUtils.createKeyPair());
        Certificate cert = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), "chain.example.com", "www.chain.example.com");
        List<X509Certificate> chain = cert.getCertificateChain();
        assertEquals(2, chain.size());
        chain.get(0).verify(chain.get(1).getPublicKey());
        assertEquals(Pem.certificates(server.caFile("dv.pem")).get(0), chain.get(1));
    }

    @Test
    void testFailure_problemTypesProvokedOnPurpose() throws Exception {
        KeyPair accountKey = KeyPairUtils.createKeyPair();
        Account account = newAccount(accountKey);

        assertEquals("accountDoesNotExist", problemType(assertThrows(AcmeServerException.class,
                () -> new AccountBuilder().onlyExisting().useKeyPair(KeyPairUtils.createKeyPair()).create(session()))));
        assertEquals("invalidContact", problemType(assertThrows(AcmeServerException.class,
                () -> new AccountBuilder().agreeToTermsOfService().addContact("mailto:not-an-address")
                        .useKeyPair(KeyPairUtils.createKeyPair()).create(session()))));
        assertEquals("unsupportedContact", problemType(assertThrows(AcmeServerException.class,
                () -> new AccountBuilder().agreeToTermsOfService().addContact("tel:+81312345678")
                        .useKeyPair(KeyPairUtils.createKeyPair()).create(session()))));
        assertEquals("rejectedIdentifier", problemType(assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain("*.com").create())));
        assertEquals("unsupportedIdentifier", problemType(assertThrows(AcmeServerException.class,
                () -> account.newOrder().identifier(Identifier.ip("127.0.0.1")).create())));

        Order notReady = account.newOrder().domain("not-ready.example.com").create();
        assertEquals("orderNotReady", problemType(assertThrows(AcmeServerException.class,
                () -> notReady.execute(KeyPairUtils.createECKeyPair("secp256r1")))));

        Certificate cert = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), "problems.example.com");
        Order wrongNames = account.newOrder().domain("problems.example.com").create();
        wrongNames.waitUntilReady(Duration.ofSeconds(30));
        CSRBuilder csr = new CSRBuilder();
        csr.addDomain("other.example.com");
        KeyPair csrKey = KeyPairUtils.createECKeyPair("secp256r1");
        csr.sign(csrKey);
        assertEquals("badCSR", problemType(assertThrows(AcmeServerException.class,
                () -> wrongNames.execute(csr.getEncoded()))));

        CSRBuilder accountKeyCsr = new CSRBuilder();
        accountKeyCsr.addDomain("problems.example.com");
        accountKeyCsr.sign(accountKey);
        assertEquals("badCSR", problemType(assertThrows(AcmeServerException.class,
                () -> wrongNames.execute(accountKeyCsr.getEncoded()))));

        assertEquals("badRevocationReason", problemType(assertThrows(AcmeServerException.class,
                () -> cert.revoke(RevocationReason.CERTIFICATE_HOLD))));

        // acme4j will not sign with an RSA key under 2048 bits, so badPublicKey is provoked in JwsRefusalTest;
        // a P-521 account key makes acme4j sign ES512, which this CA does not accept.
        assertEquals("badSignatureAlgorithm", problemType(assertThrows(AcmeServerException.class,
                () -> newAccount(KeyPairUtils.createECKeyPair("secp521r1")))));

        KeyPair strangerKey = KeyPairUtils.createKeyPair();
        Account stranger = newAccount(strangerKey);
        AcmeServerException unauthorized = assertThrows(AcmeServerException.class,
                () -> Certificate.revoke(session().login(stranger.getLocation(), strangerKey), cert.getCertificate(),
                        RevocationReason.UNSPECIFIED));
        assertEquals("unauthorized", problemType(unauthorized));
        assertTrue(unauthorized.getMessage() != null && !unauthorized.getMessage().isBlank());
    }
}
