package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The CAA matrix (RFC 8659, RFC 8657, BR 3.2.2.8) through the real ACME flow: acme4j against the sandbox, CAA
 * records set in the harness's mock DNS through its challtestsrv management API.
 */
class CaaIT {
    private static SandboxServer server;
    private static SSLContext tls;


    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
    }

    private static Account newAccount() throws Exception {
        KeyPair key = KeyPairUtils.createKeyPair();
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(key)
                .create(new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls)));
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.managementUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** challtestsrv's /add-caa body; {@code flags} is the harness's extension for the critical bit. */
    private static void addCaa(String host, int flags, String tag, String value) throws Exception {
        post("/add-caa", "{\"host\":\"" + host + "\",\"policies\":[{\"flags\":" + flags + ",\"tag\":\"" + tag
                + "\",\"value\":\"" + value.replace("\"", "\\\"") + "\"}]}");
    }

    private static void addCaa(String host, String tag, String value) throws Exception {
        addCaa(host, 0, tag, value);
    }

    /** Orders one name, answers its challenge of the given type, and returns the challenge once it is final. */
    private static Challenge attempt(Account account, String name, Class<? extends Challenge> type) throws Exception {
        Order order = account.newOrder().domain(name).create();
        Authorization auth = order.getAuthorizations().get(0);
        Challenge c = auth.findChallenge(type).orElseThrow();
        if (c instanceof Dns01Challenge dns) {
            String base = name.startsWith("*.") ? name.substring(2) : name;
            post("/set-txt", "{\"host\":\"_acme-challenge." + base + ".\",\"value\":\"" + dns.getDigest() + "\"}");
            c.trigger();
            return complete(c);
        }
        Http01Challenge http = (Http01Challenge) c;
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", server.http01Port), 0);
        site.createContext("/.well-known/acme-challenge/" + http.getToken(), exchange -> {
            byte[] body = http.getAuthorization().getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            c.trigger();
            return complete(c);
        } finally {
            site.stop(0);
        }
    }

    private static Challenge complete(Challenge c) throws Exception {
        c.waitForCompletion(Duration.ofSeconds(30));
        return c;
    }

    private static Challenge dns01(Account account, String name) throws Exception {
        return attempt(account, name, Dns01Challenge.class);
    }

    private static void assertValid(Challenge c) {
        assertEquals(Status.VALID, c.getStatus(), () -> String.valueOf(c.getError().map(Problem::toString)));
    }

    /** Invalid with the problem type and a detail holding each of the fragments. */
    private static void assertRefused(Challenge c, String type, String... fragments) {
        assertEquals(Status.INVALID, c.getStatus());
        Problem p = c.getError().orElseThrow();
        assertEquals("urn:ietf:params:acme:error:" + type, p.getType().toString(), p.toString());
        String detail = p.getDetail().orElse("");
        for (String f : fragments) {
            assertTrue(detail.contains(f), detail);
        }
    }

    @Test
    void testCaa_refusalIsReportedToTheIodefMailbox() throws Exception {
        String name = "iodef.caa-it.example.com";
        post("/add-caa", "{\"host\":\"" + name + "\",\"policies\":["
                + "{\"flags\":0,\"tag\":\"issue\",\"value\":\"letsencrypt.org\"},"
                + "{\"flags\":0,\"tag\":\"iodef\",\"value\":\"mailto:caa-reports@example.com\"}]}");
        assertRefused(dns01(newAccount(), name), "caa", "CAA record for " + name);

        // RFC 8659 §4.4: the report goes out through the CA's mail relay (the sandbox's SMTP sink keeps it).
        String subject = "Subject: CAA: certificate request for " + name + " refused";
        String mail = "";
        for (int i = 0; i < 50 && mail.isEmpty(); i++) {
            mail = sinkMessageContaining(subject);
            if (mail.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertTrue(mail.contains("caa-reports@example.com"), "no iodef mail in " + server.home.resolve("mail"));
    }

    private static String sinkMessageContaining(String text) throws Exception {
        Path spool = server.home.resolve("mail");
        if (!Files.isDirectory(spool)) {
            return "";
        }
        try (var files = Files.list(spool)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                String m = Files.readString(f);
                if (m.contains(text)) {
                    return m;
                }
            }
        }
        return "";
    }

    @Test
    void testCaa_noRecordsIssues() throws Exception {
        assertValid(dns01(newAccount(), "no-caa.caa-it.example.com"));
    }

    @Test
    void testCaa_ourIssuerDomainNameIssues() throws Exception {
        addCaa("ours.caa-it.example.com", "issue", "jprs.jp");
        assertValid(dns01(newAccount(), "ours.caa-it.example.com"));
    }

    @Test
    void testCaa_anotherCaOnlyRefusesNamingDomainAndRecord() throws Exception {
        addCaa("theirs.caa-it.example.com", "issue", "letsencrypt.org");
        assertRefused(dns01(newAccount(), "theirs.caa-it.example.com"), "caa",
                "CAA record for theirs.caa-it.example.com", "0 issue \"letsencrypt.org\"");
    }

    @Test
    void testCaa_issuewildRefusesTheWildcardButNotTheBaseName() throws Exception {
        addCaa("wild.caa-it.example.com", "issue", "jprs.jp");
        addCaa("wild.caa-it.example.com", "issuewild", ";");
        Account account = newAccount();
        assertValid(dns01(account, "wild.caa-it.example.com"));
        assertRefused(dns01(account, "*.wild.caa-it.example.com"), "caa", "0 issuewild \";\"");
    }

    @Test
    void testCaa_recordOnTheParentGovernsTheName() throws Exception {
        addCaa("parent.caa-it.example.com", "issue", "letsencrypt.org");
        assertRefused(dns01(newAccount(), "www.parent.caa-it.example.com"), "caa",
                "CAA record for parent.caa-it.example.com");
    }

    @Test
    void testCaa_recordReachedThroughACname() throws Exception {
        post("/set-cname", "{\"host\":\"alias.caa-it.example.com\",\"target\":\"target.caa-target.example.net\"}");
        addCaa("target.caa-target.example.net", "issue", "letsencrypt.org");
        assertRefused(dns01(newAccount(), "alias.caa-it.example.com"), "caa", "target.caa-target.example.net");
    }

    @Test
    void testCaa_criticalUnknownTagRefuses() throws Exception {
        addCaa("critical.caa-it.example.com", "issue", "jprs.jp");
        addCaa("critical.caa-it.example.com", 128, "tbs", "Unknown");
        assertRefused(dns01(newAccount(), "critical.caa-it.example.com"), "caa", "128 tbs \"Unknown\"", "critical");
    }

    @Test
    void testCaa_servfailIsNeverReadAsNoCaa() throws Exception {
        post("/set-servfail", "{\"host\":\"servfail.caa-it.example.com\"}");
        assertRefused(dns01(newAccount(), "servfail.caa-it.example.com"), "dns", "SERVFAIL", "servfail.caa-it.example.com");
    }

    @Test
    void testCaa_accounturiMatchingTheAccountIssues() throws Exception {
        Account account = newAccount();
        addCaa("acct-ok.caa-it.example.com", "issue", "jprs.jp; accounturi=" + account.getLocation());
        assertValid(dns01(account, "acct-ok.caa-it.example.com"));
    }

    @Test
    void testCaa_accounturiOfAnotherAccountRefuses() throws Exception {
        Account owner = newAccount();
        addCaa("acct-other.caa-it.example.com", "issue", "jprs.jp; accounturi=" + owner.getLocation());
        Account stranger = newAccount();
        assertRefused(dns01(stranger, "acct-other.caa-it.example.com"), "caa",
                "allows only the account " + owner.getLocation() + ", not " + stranger.getLocation());
    }

    @Test
    void testCaa_validationmethodsAllowsDns01ButNotHttp01() throws Exception {
        addCaa("methods.caa-it.example.com", "issue", "jprs.jp; validationmethods=dns-01");
        assertValid(dns01(newAccount(), "methods.caa-it.example.com"));
        assertRefused(attempt(newAccount(), "methods.caa-it.example.com", Http01Challenge.class), "caa",
                "allows only the validation methods dns-01, not http-01");
    }

    @Test
    void testCaa_permittedNameIssuesACertificate() throws Exception {
        addCaa("issued.caa-it.example.com", "issue", "jprs.jp; validationmethods=dns-01");
        Account account = newAccount();
        assertValid(dns01(account, "issued.caa-it.example.com"));
        Order order = account.newOrder().domain("issued.caa-it.example.com").create();
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)));
        assertEquals(List.of("issued.caa-it.example.com"),
                order.getCertificate().getCertificate().getSubjectAlternativeNames().stream()
                        .map(n -> String.valueOf(n.get(1))).toList());
    }
}
