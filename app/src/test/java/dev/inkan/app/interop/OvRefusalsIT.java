package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.storage.Storage;
import dev.inkan.storage.StorageConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The OV refusals, on the wire: what a browser following the pages never sends, and ACME orders an account may not
 * make.
 */
@Timeout(600)
class OvRefusalsIT {
    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static SandboxServer server;

    @BeforeAll
    static void start() throws Exception {
        // acme4j builds CSRs with Bouncy Castle as a named JCA provider.
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
    }

    private static VettingWebClient portal(CookieManager jar) throws Exception {
        SandboxServer s = SandboxServer.shared();
        return new VettingWebClient(s.tlsRoot(), s.portalUrl(), jar);
    }

    private static VettingWebClient console(CookieManager jar) throws Exception {
        SandboxServer s = SandboxServer.shared();
        return new VettingWebClient(s.tlsRoot(), s.consoleUrl(), jar);
    }

    /** An applicant signed in: registered, verified by the mailed link, logged in. */
    private static VettingWebClient applicant(String email) throws Exception {
        VettingWebClient p = portal(new CookieManager());
        assertEquals(200, p.post("/register", VettingWebClient.form("_csrf", p.csrf("/register"), "email", email,
                "password", "correct horse battery staple")).statusCode());
        String link = VettingBrowser.verificationLink(server, email);
        assertEquals(200, p.get(link.substring(link.indexOf("/verify"))).statusCode());
        HttpResponse<String> login = p.post("/login", VettingWebClient.form("_csrf", p.csrf("/"), "email", email,
                "password", "correct horse battery staple"));
        assertEquals("/applications", login.headers().firstValue("Location").orElse(""), login.body());
        return p;
    }

    private static Map<String, String> application(VettingWebClient p, String corporateNumber) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("_csrf", p.csrf("/applications/new"));
        f.put("legalNameJa", "株式会社サンプル認証");
        f.put("legalNameEn", "Sample Ninsho Co., Ltd.");
        f.put("corporateNumber", corporateNumber);
        f.put("prefecture", "東京都");
        f.put("city", "千代田区");
        f.put("street", "丸の内１丁目２番３号");
        f.put("localityEn", "Chiyoda-ku");
        f.put("telephone", "03-1234-5678");
        f.put("applicantName", "山田 太郎");
        f.put("applicantTitle", "部長");
        f.put("applicantEmail", "yamada@refusals.co.jp");
        f.put("domains", "refusals.co.jp");
        return f;
    }

    @Test
    void uploadWithAForgedTypeIsRefusedByItsContent() throws Exception {
        VettingWebClient p = applicant("forged@refusals.co.jp");
        HttpResponse<String> r = p.postMultipart("/applications/new", application(p, "4010001234567"), "letter.pdf",
                "application/pdf", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(match(r.body(), "id=\"error-evidence\">([^<]+)<").contains("only PDF, PNG or JPEG"), r.body());
        assertTrue(r.body().contains("value=\"Sample Ninsho Co., Ltd.\""), "the form comes back as typed: " + r.body());
    }

    @Test
    void corporateNumberWithABadCheckDigitIsRefused() throws Exception {
        VettingWebClient p = applicant("digit@refusals.co.jp");
        HttpResponse<String> r = p.postMultipart("/applications/new", application(p, "5010001234567"), "letter.pdf",
                "application/pdf", PDF);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(match(r.body(), "id=\"error-corporateNumber\">([^<]+)<").contains("check digit"), r.body());
        assertTrue(!r.body().contains("チェックディジット"), "the message is in the page's language only: " + r.body());
    }

    @Test
    void formPostWithoutTheCsrfTokenIsRefused() throws Exception {
        VettingWebClient p = portal(new CookieManager());
        p.get("/");
        HttpResponse<String> r = p.post("/login", VettingWebClient.form("email", "x@example.co.jp", "password", "y"));
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("not sent from this site"), r.body());
        VettingWebClient c = console(new CookieManager());
        c.get("/login");
        assertEquals(403, c.post("/login", VettingWebClient.form("id", "officer", "password", "x")).statusCode());
    }

    @Test
    void staffSessionWithoutTheSecondFactorReachesNoStaffPage() throws Exception {
        VettingWebClient c = console(new CookieManager());
        HttpResponse<String> login = c.post("/login", VettingWebClient.form("_csrf", c.csrf("/login"), "id", "auditor",
                "password", VettingBrowser.password(server, "auditor")));
        assertEquals(303, login.statusCode(), login.body());
        String secondFactor = login.headers().firstValue("Location").orElseThrow();
        assertTrue(secondFactor.startsWith("/login/"), secondFactor);
        for (String page : new String[] {"/queue", "/organizations", "/staff"}) {
            HttpResponse<String> r = c.get(page);
            assertEquals(303, r.statusCode(), page);
            assertEquals(secondFactor, r.headers().firstValue("Location").orElseThrow(), page);
        }
    }

    @Test
    void applicantSessionReachesNoStaffPage() throws Exception {
        CookieManager jar = new CookieManager();
        VettingWebClient p = portal(jar);
        VettingWebClient signedIn = applicant("wanderer@refusals.co.jp");
        assertEquals(200, signedIn.get("/applications").statusCode());
        // the same browser's cookies (cookies ignore ports) reach the console, which knows none of them
        VettingWebClient c = new VettingWebClient(server.tlsRoot(), server.consoleUrl(), jar);
        p.get("/");
        HttpResponse<String> queue = c.get("/queue");
        assertEquals(303, queue.statusCode());
        assertEquals("/login", queue.headers().firstValue("Location").orElseThrow());
        assertEquals(404, signedIn.get("/queue").statusCode());
        assertEquals(404, signedIn.get("/cases/x/export").statusCode());
        assertEquals(404, signedIn.post("/queue", VettingWebClient.form()).statusCode());
        assertEquals(404, signedIn.post("/cases/x/approve", VettingWebClient.form()).statusCode());
    }

    @Test
    void eachListenerAnswers404ForWhatItDoesNotServeAnd405OnlyForItsOwnPaths() throws Exception {
        VettingWebClient p = portal(new CookieManager());
        assertEquals(404, p.get("/staff").statusCode());
        HttpResponse<String> logout = p.get("/logout");
        assertEquals(405, logout.statusCode(), logout.body());
        assertEquals("POST", logout.headers().firstValue("Allow").orElse(""));
        VettingWebClient c = console(new CookieManager());
        assertEquals(404, c.get("/applications/new").statusCode());
        assertEquals(404, c.post("/register", VettingWebClient.form()).statusCode());
        assertEquals(405, c.get("/logout").statusCode());
    }

    @Test
    void ovOrderFromADvOnlyAccountIsUnauthorized() throws Exception {
        Session session = new Session(URI.create(server.directoryUrl()), new SandboxProvider(Pem.trusting(server.tlsRoot())));
        KeyPair key = KeyPairUtils.createKeyPair(2048);
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(key).create(session);
        AcmeServerException e = assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain("www.dv-only.co.jp").profile("ov").create());
        assertEquals("urn:ietf:params:acme:error:unauthorized", e.getType().toString());
        assertTrue(e.getMessage().contains("vetted organization"), e.getMessage());
        assertEquals("dv", account.newOrder().domain("www.dv-only.co.jp").create().getJSON().get("profile").asString());
    }

    /** A staff member signed in over HTTP: password, then TOTP (enrolling it the first time). */
    static VettingWebClient staff(String login, String password) throws Exception {
        VettingWebClient c = console(new CookieManager());
        HttpResponse<String> r = c.post("/login", VettingWebClient.form("_csrf", c.csrf("/login"), "id", login,
                "password", password));
        String next = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(r.body()));
        HttpResponse<String> done;
        if (next.equals("/login/enrol")) {
            String page = c.get("/login/enrol").body();
            VettingBrowser.enrolled(login, match(page, "id=\"totp-secret\">([A-Z2-7]+)<"), -1);
            done = c.post("/login/enrol", VettingWebClient.form("_csrf", match(page, "name=\"_csrf\" value=\"([^\"]+)\""),
                    "code", VettingBrowser.code(login)));
        } else {
            done = c.post("/login/totp", VettingWebClient.form("_csrf", c.csrf("/login/totp"), "code",
                    VettingBrowser.code(login)));
        }
        assertEquals(303, done.statusCode(), done.body());
        return c;
    }

    private static VettingWebClient admin;
    private static VettingWebClient officer;
    private static VettingWebClient approver;

    /** The RA administrator creates an officer and an approver; each is signed in once for the whole class. */
    private static synchronized void vettingTeam() throws Exception {
        if (admin != null) {
            return;
        }
        admin = staff("admin", VettingBrowser.password(server, "admin"));
        for (String[] s : new String[][] {{"checker", "VETTING_OFFICER"}, {"decider", "APPROVER"}}) {
            HttpResponse<String> created = admin.post("/staff", VettingWebClient.form("_csrf", admin.csrf("/staff"),
                    "id", s[0], "displayName", s[0], "password", "stamp ledger 2026 kanji", "role_" + s[1], "on"));
            assertEquals(303, created.statusCode(), created.body());
        }
        officer = staff("checker", "stamp ledger 2026 kanji");
        approver = staff("decider", "stamp ledger 2026 kanji");
    }

    /** An organization vetted for {@code domain} (application, every check, a second person's approval): its case. */
    private static String vetted(String applicantEmail, String domain) throws Exception {
        vettingTeam();
        VettingWebClient p = applicant(applicantEmail);
        Map<String, String> form = application(p, "4010001234567");
        form.put("domains", domain);
        HttpResponse<String> submitted = p.postMultipart("/applications/new", form, "letter.pdf", "application/pdf", PDF);
        assertEquals(303, submitted.statusCode(), submitted.body());
        String caseId = submitted.headers().firstValue("Location").orElseThrow().replace("/applications/", "");
        String casePath = "/cases/" + caseId;
        assertEquals(303, officer.post(casePath + "/registry", VettingWebClient.form("_csrf", officer.csrf(casePath)))
                .statusCode());
        assertEquals(303, officer.post(casePath + "/telephone", VettingWebClient.form("_csrf", officer.csrf(casePath),
                "source", "iタウンページ / i Town Page", "number", "0312345678", "answeredBy", "総務部", "outcome", "pass",
                "note", "")).statusCode());
        assertEquals(303, officer.post(casePath + "/authority", VettingWebClient.form("_csrf", officer.csrf(casePath),
                "confirmedBy", "代表取締役", "outcome", "pass", "note", "")).statusCode());
        assertEquals(303, officer.post(casePath + "/domains", VettingWebClient.form("_csrf", officer.csrf(casePath),
                "note", "")).statusCode());
        HttpResponse<String> approved = approver.post(casePath + "/approve", VettingWebClient.form("_csrf",
                approver.csrf(casePath), "password", "stamp ledger 2026 kanji", "code", VettingBrowser.code("decider")));
        assertEquals(303, approved.statusCode(), approved.body());
        applicants.put(caseId, p);
        return caseId;
    }

    private static final Map<String, VettingWebClient> applicants = new java.util.concurrent.ConcurrentHashMap<>();

    /** A new ACME account bound to the case's organization with the EAB key the portal shows its applicant once. */
    private static Account boundAccount(String caseId) throws Exception {
        String keyPage = applicants.get(caseId).get("/applications/" + caseId).body();
        String kid = match(keyPage, "id=\"eab-kid\">([^<]+)<");
        String hmac = match(keyPage, "id=\"eab-hmac\">([^<]+)<");
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair(2048))
                .withKeyIdentifier(kid, hmac).create(session());
    }

    private static Session session() throws Exception {
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(Pem.trusting(server.tlsRoot())));
    }

    /** An order of the bound account, every name validated by dns-01 through the sandbox's DNS: ready to finalize. */
    private static Order readyOrder(Account account, String name) throws Exception {
        Order order = account.newOrder().domain(name).create();
        assertEquals("ov", order.getJSON().get("profile").asString());
        for (Authorization auth : order.getAuthorizations()) {
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            HttpResponse<String> set = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    server.managementUrl() + "/set-txt")).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers
                    .ofString("{\"host\":\"_acme-challenge." + name + ".\",\"value\":\"" + c.getDigest() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, set.statusCode(), set.body());
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(60)), () -> String.valueOf(c.getError()));
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(60)));
        return order;
    }

    /** Both ACME steps that name the organization refuse: finalize of a ready order, and a new order. */
    private static void ovRefused(Account account, Order ready, String newName, String why) throws Exception {
        AcmeServerException finalize = assertThrows(AcmeServerException.class,
                () -> ready.execute(KeyPairUtils.createKeyPair(2048)));
        assertEquals("urn:ietf:params:acme:error:unauthorized", finalize.getType().toString(), finalize.getMessage());
        assertTrue(finalize.getMessage().contains(why), finalize.getMessage());
        AcmeServerException order = assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain(newName).profile("ov").create());
        assertEquals("urn:ietf:params:acme:error:unauthorized", order.getType().toString(), order.getMessage());
        assertTrue(order.getMessage().contains(why), order.getMessage());
    }

    /**
     * A vetted organization whose EAB key an ACME account uses: OV orders default to ov; once the RA administrator
     * suspends the organization, finalizing a ready order and making a new one are refused with a problem saying so.
     */
    @Test
    void ordersAfterSuspensionAreRefused() throws Exception {
        String caseId = vetted("suspended@refusals.co.jp", "sample-ninsho.co.jp");
        Account bound = boundAccount(caseId);
        Order ready = readyOrder(bound, "suspended.sample-ninsho.co.jp");

        String orgId = organizationOf(caseId);
        HttpResponse<String> suspended = admin.post("/organizations/" + orgId + "/suspend", VettingWebClient.form(
                "_csrf", admin.csrf("/organizations"), "reason", "reported misuse"));
        assertEquals(303, suspended.statusCode(), suspended.body());
        ovRefused(bound, ready, "suspended2.sample-ninsho.co.jp", "suspended");
    }

    /**
     * BR 4.2.1: a vetting older than the 398-day reuse period names no certificate. The vetted record is made old in
     * the store (its checks 399 days ago); finalize and newOrder then refuse, telling the subscriber to re-apply.
     */
    @Test
    void ordersAfterTheVettingExpiredAreRefused() throws Exception {
        String caseId = vetted("expired@refusals.co.jp", "sample-ninsho.co.jp");
        Account bound = boundAccount(caseId);
        Order ready = readyOrder(bound, "expired.sample-ninsho.co.jp");

        Vertx vertx = Vertx.vertx();
        try {
            Storage store = await(Storage.open(vertx, StorageConfig.remote(server.storeUri(), StorageConfig.DEFAULT_DATABASE),
                    Clock.systemUTC()));
            try {
                VettedOrganization o = await(store.vetting().organizations().organization(organizationOf(caseId)))
                        .orElseThrow();
                Instant old = Instant.now().minus(Duration.ofDays(399));
                VettedOrganization aged = new VettedOrganization(o.id(), o.caseId(), o.legalNameJa(), o.legalNameEn(),
                        o.corporateNumber(), o.subject(), o.domainNames(), old, old.plus(Duration.ofDays(1)),
                        o.approvedBy(), o.status(), o.statusReason(), o.version() + 1);
                assertTrue(await(store.vetting().organizations().replace(aged, o.version())).isPresent());
            } finally {
                await(store.close());
            }
        } finally {
            await(vertx.close());
        }
        ovRefused(bound, ready, "expired2.sample-ninsho.co.jp", "398 days");
    }

    /**
     * The registrant check asks the domain's registry (here the sandbox's JPRS WHOIS) and fails when the registrant
     * is another organization; the source and the answer are the evidence, and approval is then refused.
     */
    @Test
    void domainRegisteredToAnotherOrganizationFailsTheRegistrantCheck() throws Exception {
        vettingTeam();
        VettingWebClient p = applicant("registrant@refusals.co.jp");
        Map<String, String> form = application(p, "4010001234567");
        form.put("domains", "test-shoji.co.jp");
        HttpResponse<String> submitted = p.postMultipart("/applications/new", form, "letter.pdf", "application/pdf", PDF);
        assertEquals(303, submitted.statusCode(), submitted.body());
        String caseId = submitted.headers().firstValue("Location").orElseThrow().replace("/applications/", "");
        String casePath = "/cases/" + caseId;
        assertEquals(303, officer.post(casePath + "/domains", VettingWebClient.form("_csrf", officer.csrf(casePath),
                "note", "")).statusCode());
        io.vertx.core.json.JsonObject file = new io.vertx.core.json.JsonObject(approver.get(casePath + "/export").body());
        io.vertx.core.json.JsonObject check = file.getJsonArray("checks").stream()
                .map(io.vertx.core.json.JsonObject.class::cast).filter(c -> c.getString("type").equals("DOMAINS"))
                .findFirst().orElseThrow();
        assertEquals(false, check.getBoolean("passed"), check.encodePrettily());
        assertTrue(check.getString("source").startsWith("whois "), check.encodePrettily());
        assertTrue(check.getString("evidence").contains("株式会社テスト商事"), check.encodePrettily());
        HttpResponse<String> approval = approver.post(casePath + "/approve", VettingWebClient.form("_csrf",
                approver.csrf(casePath), "password", "stamp ledger 2026 kanji", "code", "000000"));
        assertEquals(409, approval.statusCode(), approval.body());
    }

    /** The organization the console's export names for an approved case. */
    private static String organizationOf(String caseId) throws Exception {
        HttpResponse<String> export = approver.get("/cases/" + caseId + "/export");
        assertEquals(200, export.statusCode(), export.body());
        return new io.vertx.core.json.JsonObject(export.body()).getJsonObject("organization").getString("id");
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    static String match(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertTrue(m.find(), regex + " not in " + body);
        return m.group(1);
    }
}
