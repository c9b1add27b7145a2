package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.app.interop.ResellerApi.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * BR 3.2.2.4.4 on the wire, against a sandbox of its own whose clock the staff endpoint moves forward
 * ({@code INKAN_TEST_CLOCK=adjustable}): a mailed value submitted after its 10 days confirms nothing, and from
 * 2028-03-15 the API starts no email validation while other methods go on. The clock only moves forward, hence the
 * order of the tests.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailValidationClockIT {
    private static final Instant SUNSET = Instant.parse("2028-03-15T00:00:00Z");
    private static SandboxServer server;
    private static ResellerApi api;
    private static JsonObject admin;
    private static String key;
    private static String customer;

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of("target/it-home-email-clock").toAbsolutePath();
        SandboxServer.deleteTree(home);
        server = SandboxServer.start(home, Map.of("INKAN_TEST_CLOCK", "adjustable"));
        api = ResellerApi.of(server);
        admin = new JsonObject(Files.readString(home.resolve("admin.json")));
        ClientRun created = server.command("reseller", "create", "--name", "Clock Reseller", "--email",
                "clock-reseller@example.com");
        assertEquals(0, created.exitCode(), created.describe());
        ClientRun made = server.command("reseller", "key-create", "--reseller", line(created, "reseller: "));
        assertEquals(0, made.exitCode(), made.describe());
        key = line(made, "api key: ");
        Answer c = api.post("createCustomer", "/customers", key, new JsonObject().put("name", "Clock Customer")
                .put("email", "clock-customer@example.com"));
        assertEquals(201, c.status(), c.body());
        customer = c.json().getString("id");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void testEmail_aValueSubmittedAfterItsTenDaysConfirmsNothing() throws Exception {
        String name = "late.clock-it.example.com";
        String address = "admin@" + name;
        Answer placed = api.post("createOrder", "/orders", key, order(name, "email", address));
        assertEquals(201, placed.status(), placed.body());
        String id = placed.json().getString("id");
        String link = server.confirmationLink(address);

        advance(Duration.ofDays(10).plusMinutes(1));
        HttpClient browser = HttpClient.newBuilder().sslContext(Pem.trusting(server.tlsRoot())).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher form = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">").matcher(page.body());
        // The page may already say the request is over; if it still offers the form, submitting it is refused.
        String action = form.find() ? form.group(1) : URI.create(link).getPath();
        HttpResponse<String> submitted = browser.send(HttpRequest.newBuilder(URI.create(link).resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, submitted.statusCode(), submitted.body());
        assertTrue(submitted.body().contains("expired"), submitted.body());
        assertNotEquals("valid", api.get("getOrder", "/orders/" + id, key).json().getJsonArray("validations")
                .getJsonObject(0).getString("status"), "nothing was confirmed");
    }

    @Test
    @Order(2)
    void testEmail_fromTheSunsetNoEmailValidationStartsAndOtherMethodsDo() throws Exception {
        Instant now = advance(Duration.ZERO);
        if (now.isBefore(SUNSET)) {
            advance(Duration.between(now, SUNSET).plusMinutes(1));
        }
        String name = "sunset.clock-it.example.com";
        Answer refused = api.post("createOrder", "/orders", key, order(name, "email", "admin@" + name));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.json().getString("type").endsWith(":methodUnavailable"), refused.body());
        assertEquals(201, api.post("createOrder", "/orders", key, order(name, "dns-01", null)).status(),
                "the date refuses the method, not the name");
    }

    private static Instant advance(Duration by) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(admin.getString("url") + "/admin/test/clock"))
                .header("Authorization", "Bearer " + admin.getString("token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("advanceSeconds", by.toSeconds())
                        .encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Instant.parse(new JsonObject(r.body()).getString("now"));
    }

    private static JsonObject order(String name, String method, String email) throws Exception {
        JsonObject v = new JsonObject().put("name", name).put("method", method);
        if (email != null) {
            v.put("email", email);
        }
        return new JsonObject().put("customerId", customer).put("csr", csr(name)).put("names", new JsonArray().add(name))
                .put("profile", "dv").put("validations", new JsonArray().add(v));
    }

    private static String line(ClientRun run, String prefix) {
        return run.output().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no \"" + prefix + "\" in " + run.describe()));
    }

    private static String csr(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(request);
        }
        return out.toString();
    }
}
