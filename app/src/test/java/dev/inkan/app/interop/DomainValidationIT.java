package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
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
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The validation methods outside ACME on a running sandbox, started through the staff endpoint as the reseller API
 * does for its customers: email to a constructed address (the mail arrives in the SMTP sink, a GET of its link
 * confirms nothing, a real browser submits the form), the agreed-upon change to website, and the registrant check by
 * RDAP and by WHOIS against the harness's fake registries, with the operator's registrar gate on for com and jp.
 */
@Timeout(600)
class DomainValidationIT {
    private static final Pattern LINK = Pattern.compile("https://localhost:\\d+/validation/email/[A-Za-z0-9_-]+");
    private static SandboxServer server;
    private static SSLContext tls;
    private static JsonObject admin;
    private static Account account;

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of("target/it-home-domain-validation").toAbsolutePath();
        SandboxServer.deleteTree(home);
        server = SandboxServer.start(home, Map.of("INKAN_RA_DOMAIN_CONTACT_TLDS", "com,jp"));
        tls = Pem.trusting(server.tlsRoot());
        admin = new JsonObject(Files.readString(home.resolve("admin.json")));
        account = new AccountBuilder().agreeToTermsOfService().addEmail("reseller-customer@example.com")
                .useKeyPair(KeyPairUtils.createKeyPair(2048))
                .create(new org.shredzone.acme4j.Session(URI.create(server.directoryUrl()), new SandboxProvider(tls)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void testEmail_mailedLinkConfirmsOnlyByTheFormInABrowser() throws Exception {
        Order order = account.newOrder().domains("shop.example.com").create();
        Authorization auth = order.getAuthorizations().get(0);
        JsonObject started = staff("/admin/domain-validation", auth, new JsonObject().put("method", "constructed-email")
                .put("emailAddress", "admin@example.com"));
        JsonObject validation = started.getJsonArray("validations").getJsonObject(0);
        assertEquals("pending", validation.getString("status"));
        assertFalse(validation.containsKey("value"), "an emailed value is never shown to the applicant");
        String first = link(mail("admin@example.com", 1));

        // A GET (a mail scanner following the link) shows the form and confirms nothing.
        HttpResponse<String> get = https("GET", first);
        assertEquals(200, get.statusCode());
        assertTrue(get.body().contains("<form method=\"post\""), get.body());
        assertTrue(get.body().contains("shop.example.com"), get.body());
        auth.fetch();
        assertEquals(Status.PENDING, auth.getStatus());

        // A resend mails a new value; the first one is refused from then on, by GET and by POST.
        staff("/admin/domain-validation/resend", auth, new JsonObject());
        String second = link(mail("admin@example.com", 2));
        assertFalse(first.equals(second));
        assertEquals(404, https("GET", first).statusCode());
        assertEquals(404, https("POST", first).statusCode());
        auth.fetch();
        assertEquals(Status.PENDING, auth.getStatus());

        Path profile = Files.createTempDirectory("inkan-chromium");
        ChromeDriver browser = browser(profile);
        try {
            browser.get(second);
            assertEquals("ja", browser.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("shop.example.com", browser.findElement(By.id("domain")).getText());
            screenshot(browser, "email-confirmation-ja.png");
            browser.findElement(By.id("lang")).click();
            assertEquals("Approve", browser.findElement(By.id("approve")).getText());
            screenshot(browser, "email-confirmation-en.png");
            auth.fetch();
            assertEquals(Status.PENDING, auth.getStatus(), "opening the page confirmed nothing");
            browser.findElement(By.id("approve")).click();
            assertTrue(browser.findElement(By.id("result")).getText().contains("approved"),
                    browser.getPageSource());
        } finally {
            browser.quit();
            SandboxServer.deleteTree(profile);
        }
        auth.fetch();
        assertEquals(Status.VALID, auth.getStatus());
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        KeyPair key = KeyPairUtils.createKeyPair(2048);
        order.execute(key);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)));
        assertEquals(List.of("shop.example.com"), order.getCertificate().getCertificate().getSubjectAlternativeNames()
                .stream().map(l -> String.valueOf(l.get(1))).toList());

        // The same subscriber's next order for the name reuses the email validation.
        Order again = account.newOrder().domains("shop.example.com").create();
        assertEquals(Status.READY, again.getStatus());
    }

    @Test
    void testWebsite_fileUnderPkiValidationValidates() throws Exception {
        Order order = account.newOrder().domains("files.example.com").create();
        Authorization auth = order.getAuthorizations().get(0);
        JsonObject v = staff("/admin/domain-validation", auth, new JsonObject().put("method", "website-change"))
                .getJsonArray("validations").getJsonObject(0);
        String path = v.getString("target");
        assertTrue(path.startsWith("/.well-known/pki-validation/"), path);
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", server.http01Port), 0);
        site.createContext(path, exchange -> {
            byte[] body = (v.getString("value") + "\n").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            staff("/admin/domain-validation/check", auth, new JsonObject());
            assertEquals(Status.VALID, awaitFinished(auth));
        } finally {
            site.stop(0);
        }
    }

    @Test
    void testRegistrant_rdapAndJprsWhoisValidateWhereTheGateIsOn() throws Exception {
        Order order = account.newOrder().domains("www.example.com", "www.example.jp", "other.example.com").create();
        Map<String, String> applicant = Map.of("www.example.com", "Example Corporation",
                "www.example.jp", "株式会社サンプル認証", "other.example.com", "Another Company K.K.");
        for (Authorization auth : order.getAuthorizations()) {
            String name = auth.getIdentifier().getDomain();
            staff("/admin/domain-validation", auth, new JsonObject().put("method", "domain-contact")
                    .put("applicantName", applicant.get(name)));
        }
        for (Authorization auth : order.getAuthorizations()) {
            Status expected = auth.getIdentifier().getDomain().equals("other.example.com") ? Status.INVALID : Status.VALID;
            assertEquals(expected, awaitFinished(auth), auth.getIdentifier().getDomain());
        }
    }

    private static Status awaitFinished(Authorization auth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            auth.fetch();
            if (auth.getStatus() != Status.PENDING) {
                return auth.getStatus();
            }
            Thread.sleep(300);
        }
        return auth.getStatus();
    }

    private static JsonObject staff(String path, Authorization auth, JsonObject body) throws Exception {
        String authzId = lastSegment(auth.getLocation().toString());
        body.put("accountId", lastSegment(account.getLocation().toString())).put("authorizationId", authzId);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(admin.getString("url") + path))
                .header("Authorization", "Bearer " + admin.getString("token"))
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static String lastSegment(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static HttpResponse<String> https(String method, String url) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        return HttpClient.newBuilder().sslContext(tls).build().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the {@code n}th message to the address in the SMTP sink's spool, waiting for it to arrive. */
    private static String mail(String to, int n) throws Exception {
        Path spool = server.home.resolve("mail");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<String> texts = new java.util.ArrayList<>();
            if (Files.isDirectory(spool)) {
                try (var files = Files.list(spool)) {
                    for (Path f : files.sorted().toList()) {
                        try (InputStream in = Files.newInputStream(f)) {
                            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                            String recipients = String.valueOf(java.util.Arrays.toString(m.getAllRecipients()));
                            if (recipients.contains(to) && m.getSubject() != null
                                    && m.getSubject().contains("Domain validation")) {
                                texts.add(String.valueOf(m.getContent()));
                            }
                        }
                    }
                }
            }
            if (texts.size() >= n) {
                return texts.get(n - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no message " + n + " to " + to + " in " + spool);
            }
            Thread.sleep(200);
        }
    }

    private static String link(String text) {
        Matcher m = LINK.matcher(text);
        assertTrue(m.find(), text);
        assertTrue(text.indexOf("ドメイン名") < text.indexOf("Domain name"), "Japanese first");
        return m.group();
    }

    private static ChromeDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,700", "--lang=ja",
                "--user-data-dir=" + profile.toAbsolutePath());
        // the sandbox's TLS root is not in the browser's store
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path docs = Path.of("..", "docs", "screenshots");
        Files.createDirectories(docs);
        Files.write(docs.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
