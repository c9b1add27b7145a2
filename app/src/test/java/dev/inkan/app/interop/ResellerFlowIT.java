package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.app.interop.ResellerApi.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reseller order API end to end, over real HTTPS against the sandbox process: resellers and keys made with the
 * operator command, an order validated by email to a constructed address (the link from the SMTP sink: a GET confirms
 * nothing, the page's POST does) and with dns-01 through the mock DNS, issued through the RA/CA pipeline,
 * downloaded, reissued with a new key and revoked, the revocation on the CRL and in OCSP, and the webhook receiver
 * (a loopback server here) getting every event in order with a valid HMAC. Every answer is checked against the
 * OpenAPI document the server serves.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ResellerFlowIT {
    private static SandboxServer server;
    private static ResellerApi api;
    private static Vertx vertx;
    private static HttpServer receiver;
    private static final List<Delivery> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refuseNext = new AtomicInteger();

    private record Delivery(String signature, String eventId, String body) {}

    private record Reseller(String id, String key) {}

    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        api = ResellerApi.of(server);
        vertx = Vertx.vertx();
        // The reseller's webhook receiver: it records what it gets and can be told to fail, to see a retry.
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                req.response().setStatusCode(503).end();
                return;
            }
            received.add(new Delivery(req.getHeader("Inkan-Signature"), req.getHeader("Inkan-Event-Id"),
                    body.toString(StandardCharsets.UTF_8)));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void testResellerFlow_emailAndDnsValidatedOrderIsIssuedReissuedAndRevokedWithSignedEventsInOrder() throws Exception {
        Reseller a = reseller("Flow Reseller", "flow-reseller@example.com", "--orders-per-day", "20");
        refuseNext.set(1); // the first delivery fails: it must come again, later, and still first
        Answer hook = api.post("registerWebhook", "/webhook", a.key(),
                new JsonObject().put("url", "http://127.0.0.1:" + receiver.actualPort() + "/inkan-events"));
        assertEquals(200, hook.status(), hook.body());
        String secret = hook.json().getString("secret");
        String customer = customer(a, "Flow Customer", "flow-subscriber@example.com", true);

        KeyPair key = ecKey();
        List<String> names = List.of("flow.reseller-it.example.com", "www.flow.reseller-it.example.com");
        JsonObject request = orderRequest(customer, names, key);
        String admin = "admin@flow.reseller-it.example.com";
        request.getJsonArray("validations").getJsonObject(0).put("method", "email").put("email", admin);
        Answer placed = api.post("createOrder", "/orders", a.key(), request, "flow-order-1");
        assertEquals(201, placed.status(), placed.body());
        JsonObject order = placed.json();
        String id = order.getString("id");
        assertEquals(server.orderApiUrl() + "/orders/" + id, placed.header("Location"));
        assertEquals("pending", order.getString("status"));

        assertEquals(admin, order.getJsonArray("validations").getJsonObject(0).getJsonObject("email")
                .getString("address"));
        String link = server.confirmationLink(admin);
        HttpClient browser = HttpClient.newBuilder().sslContext(Pem.trusting(server.tlsRoot())).build();
        HttpResponse<String> shown = browser.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals("pending", api.get("getOrder", "/orders/" + id, a.key()).json().getJsonArray("validations")
                .getJsonObject(0).getString("status"), "opening the link (a GET) confirms nothing");
        assertTrue(shown.body().contains("id=\"domain\">flow.reseller-it.example.com<")
                && shown.body().contains("id=\"address\">" + admin + "<"), shown.body());
        // Submit the page's form as a browser does: POST to its action, form-encoded, the button's form empty.
        var form = java.util.regex.Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">")
                .matcher(shown.body());
        assertTrue(form.find(), "a POST form on the confirmation page: " + shown.body());
        HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(URI.create(link)
                        .resolve(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(confirmed.body().contains("id=\"result\""), confirmed.body());
        assertEquals("valid", api.get("getOrder", "/orders/" + id, a.key()).json().getJsonArray("validations")
                .getJsonObject(0).getString("status"), "the form's POST confirmed the name");

        for (Object o : order.getJsonArray("validations")) {
            JsonObject v = (JsonObject) o;
            JsonObject dns = v.getJsonObject("dns01");
            if (dns == null) {
                continue;
            }
            management("/set-txt", new JsonObject().put("host", dns.getString("recordName") + ".")
                    .put("value", dns.getString("recordValue")));
            Answer started = api.post("verifyValidation", "/orders/" + id + "/validations/" + v.getString("name")
                    + "/verify", a.key(), null);
            assertEquals(202, started.status(), started.body());
        }
        JsonObject issued = awaitStatus(a, id, "issued");
        assertTrue(issued.getJsonArray("validations").stream().allMatch(v -> ((JsonObject) v).getString("status")
                .equals("valid")), issued.encodePrettily());

        X509Certificate leaf = download(a, id, "flow-first");
        assertEquals(issued.getJsonObject("certificate").getString("serial"), leaf.getSerialNumber().toString(16));
        assertEquals(names, sans(leaf));

        KeyPair newKey = ecKey();
        Answer reissue = api.post("reissueOrder", "/orders/" + id + "/reissue", a.key(),
                new JsonObject().put("csr", csr(names, newKey)));
        assertEquals(201, reissue.status(), reissue.body());
        String reissueId = reissue.json().getString("id");
        assertEquals(id, reissue.json().getString("reissueOf"));
        awaitStatus(a, reissueId, "issued");
        X509Certificate second = download(a, reissueId, "flow-reissued");
        assertNotEquals(leaf.getSerialNumber(), second.getSerialNumber());
        assertEquals(newKey.getPublic(), second.getPublicKey());

        assertTrue(Certs.ocsp(server, pem(leaf, "flow-first")).contains(": good"));
        Answer revoked = api.post("revokeOrder", "/orders/" + id + "/revoke", a.key(),
                new JsonObject().put("reason", "superseded"));
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.json().getString("status"));
        assertEquals("superseded", revoked.json().getJsonObject("certificate").getString("revocationReason"));
        String ocsp = Certs.ocsp(server, pem(leaf, "flow-first"));
        assertTrue(ocsp.contains(": revoked") && ocsp.contains("superseded"), ocsp);
        assertTrue(crl().contains(serialLine(leaf)), "the CRL lists " + leaf.getSerialNumber().toString(16));

        List<String> expected = List.of("order.created", "order.processing", "order.issued", "order.created",
                "order.processing", "order.issued", "order.revoked");
        List<JsonObject> events = awaitEvents(expected.size());
        long sequence = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonObject e = events.get(i);
            assertEquals(expected.get(i), e.getString("type"), "event " + i + ": " + e.encode());
            assertTrue(e.getLong("sequence") > sequence, "in order");
            sequence = e.getLong("sequence");
            assertTrue(signatureVerifies(received.get(i), secret), "HMAC of event " + i);
        }
        assertEquals(List.of(id, id, id, reissueId, reissueId, reissueId, id),
                events.stream().map(e -> e.getString("orderId")).toList());

        Answer log = api.get("listDeliveries", "/webhook/deliveries?limit=100", a.key());
        JsonArray attempts = log.json().getJsonArray("deliveries");
        assertTrue(attempts.stream().map(JsonObject.class::cast).anyMatch(d -> d.getInteger("statusCode") == 503
                && d.getInteger("sequence") == events.get(0).getInteger("sequence")), log.body());
        assertTrue(attempts.stream().map(JsonObject.class::cast).anyMatch(d -> d.getInteger("attempt") == 2
                && d.getInteger("statusCode") == 204), log.body());

        Answer polled = api.get("listEvents", "/events", a.key());
        assertEquals(expected, polled.json().getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("type")).toList());
        assertTrue(mailTo("flow-reseller@example.com", "Certificate issued for"), "issuance notice to the reseller");
        assertTrue(mailTo("flow-subscriber@example.com", "Certificate revoked for"), "revocation notice to the subscriber");
    }

    @Test
    void testIsolation_anotherResellersKeyGets404OnEveryObjectOfTheFirst() throws Exception {
        Reseller a = reseller("Owner Reseller", "owner-reseller@example.com");
        Reseller b = reseller("Other Reseller", "other-reseller@example.com");
        String customer = customer(a, "Owned Customer", "owned@example.com", false);
        Answer placed = api.post("createOrder", "/orders", a.key(),
                orderRequest(customer, List.of("isolated.reseller-it.example.com"), ecKey()));
        assertEquals(201, placed.status(), placed.body());
        String order = placed.json().getString("id");

        assertEquals(404, api.get("getOrder", "/orders/" + order, b.key()).status());
        assertEquals(404, api.get("getCustomer", "/customers/" + customer, b.key()).status());
        assertEquals(404, api.get("getCertificate", "/orders/" + order + "/certificate", b.key()).status());
        assertEquals(404, api.post("cancelOrder", "/orders/" + order + "/cancel", b.key(), null).status());
        assertEquals(404, api.post("revokeOrder", "/orders/" + order + "/revoke", b.key(), new JsonObject()).status());
        assertEquals(404, api.post("createOrder", "/orders", b.key(),
                orderRequest(customer, List.of("isolated2.reseller-it.example.com"), ecKey())).status());
        assertEquals(0, api.get("listOrders", "/orders", b.key()).json().getJsonArray("orders").size());
        assertEquals("pending", api.get("getOrder", "/orders/" + order, a.key()).json().getString("status"));

        Answer cancelled = api.post("cancelOrder", "/orders/" + order + "/cancel", a.key(), null);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().getString("status"));
    }

    @Test
    void testApiKeys_aRotatedKeyWorksUntilRevokedThenGets401() throws Exception {
        Reseller r = reseller("Key Reseller", "key-reseller@example.com");
        ClientRun rotate = server.command("reseller", "key-rotate", "--reseller", r.id());
        assertEquals(0, rotate.exitCode(), rotate.describe());
        String newKey = line(rotate, "api key: ");
        assertEquals(200, api.get("getReseller", "/reseller", r.key()).status(), "the old key works during the overlap");
        assertEquals(200, api.get("getReseller", "/reseller", newKey).status());
        ClientRun again = server.command("reseller", "key-rotate", "--reseller", r.id());
        assertEquals(1, again.exitCode(), "a third live key is refused: " + again.describe());

        String oldKeyId = r.key().substring(3, 3 + 28);
        ClientRun revoke = server.command("reseller", "key-revoke", "--reseller", r.id(), "--key", oldKeyId);
        assertEquals(0, revoke.exitCode(), revoke.describe());
        Answer refused = api.get("getReseller", "/reseller", r.key());
        assertEquals(401, refused.status());
        assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(200, api.get("getReseller", "/reseller", newKey).status());
        assertEquals(401, api.get("listOrders", "/orders", null).status());
    }

    @Test
    void testIdempotencyKey_aReplayAnswersTheFirstAnswerAndCreatesNothing() throws Exception {
        Reseller r = reseller("Idempotent Reseller", "idem-reseller@example.com");
        JsonObject body = new JsonObject().put("name", "Once Only").put("email", "once@example.com");
        Answer first = api.post("createCustomer", "/customers", r.key(), body, "customer-1");
        Answer replay = api.post("createCustomer", "/customers", r.key(), body, "customer-1");
        assertEquals(201, first.status(), first.body());
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(1, api.get("listCustomers", "/customers", r.key()).json().getJsonArray("customers").size());

        String customer = first.json().getString("id");
        JsonObject order = orderRequest(customer, List.of("idem.reseller-it.example.com"), ecKey());
        Answer placed = api.post("createOrder", "/orders", r.key(), order, "order-1");
        Answer again = api.post("createOrder", "/orders", r.key(), order, "order-1");
        assertEquals(placed.body(), again.body());
        assertEquals(1, api.get("listOrders", "/orders", r.key()).json().getJsonArray("orders").size());
        assertEquals(1, api.get("getReseller", "/reseller", r.key()).json().getInteger("ordersToday"));

        Answer misuse = api.post("createCustomer", "/customers", r.key(), body.copy().put("name", "Other"), "customer-1");
        assertEquals(422, misuse.status(), misuse.body());
    }

    @Test
    void testQuotas_aBreachAnswers429WithRetryAfter() throws Exception {
        Reseller r = reseller("Small Reseller", "small-reseller@example.com", "--orders-per-day", "1",
                "--names-per-order", "1");
        String customer = customer(r, "Small Customer", "small@example.com", false);
        Answer tooMany = api.post("createOrder", "/orders", r.key(), orderRequest(customer,
                List.of("a.quota.reseller-it.example.com", "b.quota.reseller-it.example.com"), ecKey()));
        assertEquals(429, tooMany.status(), tooMany.body());
        assertTrue(Long.parseLong(tooMany.header("Retry-After")) > 0);
        assertEquals(201, api.post("createOrder", "/orders", r.key(),
                orderRequest(customer, List.of("a.quota.reseller-it.example.com"), ecKey())).status());
        Answer overDay = api.post("createOrder", "/orders", r.key(),
                orderRequest(customer, List.of("b.quota.reseller-it.example.com"), ecKey()));
        assertEquals(429, overDay.status(), overDay.body());
        long retry = Long.parseLong(overDay.header("Retry-After"));
        assertTrue(retry > 0 && retry <= 86_400, "until the next UTC day: " + retry);
        assertTrue(overDay.json().getString("type").endsWith(":ordersPerDay"), overDay.body());
    }

    @Test
    void testProblems_aBodyOutsideTheDocumentAndABadCsrAreProblemDocuments() throws Exception {
        Reseller r = reseller("Careless Reseller", "careless-reseller@example.com");
        Answer malformed = api.post("createOrder", "/orders", r.key(), new JsonObject().put("customerId", 7));
        assertEquals(400, malformed.status());
        String customer = customer(r, "Careless Customer", "careless@example.com", false);
        JsonObject wrongNames = orderRequest(customer, List.of("csr.reseller-it.example.com"), ecKey());
        wrongNames.put("names", new JsonArray().add("other.reseller-it.example.com"));
        wrongNames.put("validations", new JsonArray().add(new JsonObject()
                .put("name", "other.reseller-it.example.com").put("method", "dns-01")));
        Answer badCsr = api.post("createOrder", "/orders", r.key(), wrongNames);
        assertEquals(400, badCsr.status(), badCsr.body());
        assertEquals("urn:ietf:params:acme:error:badCSR", badCsr.json().getString("type"));
        assertEquals(0, api.get("listOrders", "/orders", r.key()).json().getJsonArray("orders").size(),
                "a refused order leaves nothing behind");
        assertEquals(404, api.get("getOrder", "/orders/ord_none", r.key()).status());
    }

    /**
     * OV through the API: an organization vetted in the portal and console authorizes the reseller with its EAB key's
     * HMAC over the reseller id; the linked customer's ov order is issued by the OV CA with the vetted subject, not the
     * CSR's; a DV customer, a bad proof, a name outside the vetted domains and, after suspension, the same customer
     * are refused with problem documents.
     */
    @Test
    void testOv_aCustomerLinkedToAVettedOrganizationGetsTheVettedSubjectUntilSuspended() throws Exception {
        // the harness's fake JPRS WHOIS names 株式会社サンプル認証 as this domain's registrant: vetting's registrant check
        String domain = "example.co.jp";
        String[] eab = vettedOrganization("reseller-applicant@" + domain, domain);
        Reseller r = reseller("OV Reseller", "ov-reseller@example.com");
        String dvCustomer = customer(r, "DV Customer", "dv@" + domain, false);

        JsonObject badProof = new JsonObject().put("name", "Sample Ninsho").put("email", "ops@" + domain)
                .put("organization", new JsonObject().put("keyId", eab[0]).put("mac", mac(eab[1], "rsl_someone_else")));
        Answer refused = api.post("createCustomer", "/customers", r.key(), badProof);
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.json().getString("type").endsWith(":organizationNotVetted"), refused.body());
        assertEquals(1, api.get("listCustomers", "/customers", r.key()).json().getJsonArray("customers").size(),
                "a refused link leaves nothing behind");

        Answer linked = api.post("createCustomer", "/customers", r.key(), new JsonObject().put("name", "Sample Ninsho")
                .put("email", "ops@" + domain)
                .put("organization", new JsonObject().put("keyId", eab[0]).put("mac", mac(eab[1], r.id()))));
        assertEquals(201, linked.status(), linked.body());
        String customer = linked.json().getString("id");
        String organizationId = linked.json().getString("organizationId");
        assertNotNull(organizationId, linked.body());

        List<String> names = List.of("www." + domain);
        JsonObject dvOnly = orderRequest(dvCustomer, names, ecKey()).put("profile", "ov");
        Answer notVetted = api.post("createOrder", "/orders", r.key(), dvOnly);
        assertEquals(422, notVetted.status(), notVetted.body());
        assertTrue(notVetted.json().getString("type").endsWith(":organizationNotVetted"), notVetted.body());

        Answer outside = api.post("createOrder", "/orders", r.key(),
                orderRequest(customer, List.of("www.not-vetted.co.jp"), ecKey()).put("profile", "ov"));
        assertEquals(400, outside.status(), outside.body());
        assertEquals("urn:ietf:params:acme:error:rejectedIdentifier", outside.json().getString("type"), outside.body());

        Answer placed = api.post("createOrder", "/orders", r.key(),
                orderRequest(customer, names, ecKey()).put("profile", "ov"));
        assertEquals(201, placed.status(), placed.body());
        String id = placed.json().getString("id");
        assertEquals("ov", placed.json().getString("profile"), placed.body());
        JsonObject dns = placed.json().getJsonArray("validations").getJsonObject(0).getJsonObject("dns01");
        management("/set-txt", new JsonObject().put("host", dns.getString("recordName") + ".")
                .put("value", dns.getString("recordValue")));
        assertEquals(202, api.post("verifyValidation", "/orders/" + id + "/validations/www." + domain + "/verify",
                r.key(), null).status());
        awaitStatus(r, id, "issued");
        X509Certificate leaf = download(r, id, "ov-first", "ov.pem");
        String subject = leaf.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253);
        assertTrue(subject.contains("C=JP") && subject.contains("L=Chiyoda-ku")
                && subject.contains("O=Sample Ninsho Co.\\, Ltd.") && subject.contains("CN=www." + domain), subject);

        VettingWebClient admin = staff("admin", VettingBrowser.password(server, "admin"));
        assertEquals(303, admin.post("/organizations/" + organizationId + "/suspend", VettingWebClient.form("_csrf",
                admin.csrf("/organizations"), "reason", "reseller test: reported misuse")).statusCode());
        Answer suspended = api.post("createOrder", "/orders", r.key(),
                orderRequest(customer, List.of("shop." + domain), ecKey()).put("profile", "ov"));
        assertEquals(422, suspended.status(), suspended.body());
        assertTrue(suspended.json().getString("type").endsWith(":organizationNotVetted")
                && suspended.json().getString("detail").contains("suspended"), suspended.body());
    }

    // --- helpers ---

    private static Reseller reseller(String name, String email, String... quotas) throws Exception {
        List<String> args = new ArrayList<>(List.of("reseller", "create", "--name", name, "--email", email));
        args.addAll(List.of(quotas));
        ClientRun created = server.command(args.toArray(String[]::new));
        assertEquals(0, created.exitCode(), created.describe());
        String id = line(created, "reseller: ");
        ClientRun key = server.command("reseller", "key-create", "--reseller", id);
        assertEquals(0, key.exitCode(), key.describe());
        return new Reseller(id, line(key, "api key: "));
    }

    /** base64url(HMAC-SHA256(the EAB key, the reseller id)): how an organization authorizes a reseller. */
    private static String mac(String eabKey, String resellerId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.util.Base64.getUrlDecoder().decode(eabKey), "HmacSHA256"));
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(resellerId.getBytes(StandardCharsets.UTF_8)));
    }

    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static VettingWebClient officer;
    private static VettingWebClient approver;

    /**
     * An organization vetted for {@code domain} over HTTP, as OV vetting does it: the applicant applies in the portal,
     * an officer makes the checks, a second person approves; the portal then shows the EAB key id and HMAC key.
     */
    private static String[] vettedOrganization(String email, String domain) throws Exception {
        if (officer == null) {
            VettingWebClient admin = staff("admin", VettingBrowser.password(server, "admin"));
            for (String[] s : new String[][] {{"reseller-officer", "VETTING_OFFICER"}, {"reseller-approver", "APPROVER"}}) {
                HttpResponse<String> created = admin.post("/staff", VettingWebClient.form("_csrf", admin.csrf("/staff"),
                        "id", s[0], "displayName", s[0], "password", "teal harbor ledger 2026 inkan", "role_" + s[1],
                        "on"));
                assertEquals(303, created.statusCode(), created.body());
            }
            officer = staff("reseller-officer", "teal harbor ledger 2026 inkan");
            approver = staff("reseller-approver", "teal harbor ledger 2026 inkan");
        }
        VettingWebClient p = new VettingWebClient(server.tlsRoot(), server.portalUrl(), new java.net.CookieManager());
        assertEquals(200, p.post("/register", VettingWebClient.form("_csrf", p.csrf("/register"), "email", email,
                "password", "correct horse battery staple")).statusCode());
        String verify = VettingBrowser.verificationLink(server, email);
        assertEquals(200, p.get(verify.substring(verify.indexOf("/verify"))).statusCode());
        HttpResponse<String> login = p.post("/login", VettingWebClient.form("_csrf", p.csrf("/"), "email", email,
                "password", "correct horse battery staple"));
        assertEquals("/applications", login.headers().firstValue("Location").orElse(""), login.body());
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("_csrf", p.csrf("/applications/new"));
        form.put("legalNameJa", "株式会社サンプル認証");
        form.put("legalNameEn", "Sample Ninsho Co., Ltd.");
        form.put("corporateNumber", "4010001234567");
        form.put("prefecture", "東京都");
        form.put("city", "千代田区");
        form.put("street", "丸の内１丁目２番３号");
        form.put("localityEn", "Chiyoda-ku");
        form.put("telephone", "03-1234-5678");
        form.put("applicantName", "山田 太郎");
        form.put("applicantTitle", "部長");
        form.put("applicantEmail", email);
        form.put("domains", domain);
        HttpResponse<String> submitted = p.postMultipart("/applications/new", form, "letter.pdf", "application/pdf", PDF);
        assertEquals(303, submitted.statusCode(), submitted.body());
        String caseId = submitted.headers().firstValue("Location").orElseThrow().replace("/applications/", "");
        String c = "/cases/" + caseId;
        assertEquals(303, officer.post(c + "/registry", VettingWebClient.form("_csrf", officer.csrf(c))).statusCode());
        assertEquals(303, officer.post(c + "/telephone", VettingWebClient.form("_csrf", officer.csrf(c), "source",
                "iタウンページ / i Town Page", "number", "0312345678", "answeredBy", "総務部", "outcome", "pass", "note", ""))
                .statusCode());
        assertEquals(303, officer.post(c + "/authority", VettingWebClient.form("_csrf", officer.csrf(c), "confirmedBy",
                "代表取締役", "outcome", "pass", "note", "")).statusCode());
        // the registrant is looked up by RDAP/WHOIS (here the harness's fake registries) and kept as evidence
        assertEquals(303, officer.post(c + "/domains", VettingWebClient.form("_csrf", officer.csrf(c), "note", ""))
                .statusCode());
        HttpResponse<String> approved = approver.post(c + "/approve", VettingWebClient.form("_csrf", approver.csrf(c),
                "password", "teal harbor ledger 2026 inkan", "code", VettingBrowser.code("reseller-approver")));
        assertEquals(303, approved.statusCode(), approved.body());
        String keyPage = p.get("/applications/" + caseId).body();
        return new String[] {match(keyPage, "id=\"eab-kid\">([^<]+)<"), match(keyPage, "id=\"eab-hmac\">([^<]+)<")};
    }

    /** A staff member signed in to the console: password, then TOTP (enrolling it the first time). */
    private static VettingWebClient staff(String login, String password) throws Exception {
        VettingWebClient c = new VettingWebClient(server.tlsRoot(), server.consoleUrl(), new java.net.CookieManager());
        HttpResponse<String> r = c.post("/login", VettingWebClient.form("_csrf", c.csrf("/login"), "id", login,
                "password", password));
        String next = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(r.body()));
        HttpResponse<String> done;
        if (next.equals("/login/enrol")) {
            String page = c.get("/login/enrol").body();
            VettingBrowser.enrolled(login, match(page, "id=\"totp-secret\">([A-Z2-7]+)<"), -1);
            done = c.post("/login/enrol", VettingWebClient.form("_csrf", match(page,
                    "name=\"_csrf\" value=\"([^\"]+)\""), "code", VettingBrowser.code(login)));
        } else {
            done = c.post("/login/totp", VettingWebClient.form("_csrf", c.csrf("/login/totp"), "code",
                    VettingBrowser.code(login)));
        }
        assertEquals(303, done.statusCode(), done.body());
        return c;
    }

    private static String match(String body, String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(body);
        assertTrue(m.find(), regex + " not in " + body);
        return m.group(1);
    }

    private static String line(ClientRun run, String prefix) {
        return run.output().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("no \"" + prefix + "\" in " + run.describe()));
    }

    private static String customer(Reseller r, String name, String email, boolean notify) throws Exception {
        Answer c = api.post("createCustomer", "/customers", r.key(), new JsonObject().put("name", name)
                .put("email", email).put("notifySubscriber", notify));
        assertEquals(201, c.status(), c.body());
        return c.json().getString("id");
    }

    private static JsonObject orderRequest(String customer, List<String> names, KeyPair key) throws Exception {
        JsonArray validations = new JsonArray();
        names.forEach(n -> validations.add(new JsonObject().put("name", n).put("method", "dns-01")));
        return new JsonObject().put("customerId", customer).put("csr", csr(names, key))
                .put("names", new JsonArray(names)).put("profile", "dv").put("validations", validations);
    }

    private static JsonObject awaitStatus(Reseller r, String order, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("getOrder", "/orders/" + order, r.key()).json();
            if (last.getString("status").equals(status)) {
                return last;
            }
            assertFalse(last.getString("status").equals("invalid"), last.encodePrettily());
            Thread.sleep(500);
        }
        throw new AssertionError("order " + order + " did not become " + status + ": " + last);
    }

    private static X509Certificate download(Reseller r, String order, String name) throws Exception {
        return download(r, order, name, "dv.pem");
    }

    private static X509Certificate download(Reseller r, String order, String name, String issuingCa)
            throws Exception {
        Answer chain = api.get("getCertificate", "/orders/" + order + "/certificate", r.key());
        assertEquals(200, chain.status(), chain.body());
        assertEquals("application/pem-certificate-chain", chain.header("Content-Type"));
        Path file = server.home.resolve("reseller-it").resolve(name + "-chain.pem");
        Files.createDirectories(file.getParent());
        Files.writeString(file, chain.body());
        List<X509Certificate> certs = Pem.certificates(file);
        assertEquals(2, certs.size(), "the leaf and its issuing CA");
        Certs.assertVerifies(server, pem(certs.get(0), name), issuingCa);
        return certs.get(0);
    }

    private static Path pem(X509Certificate c, String name) throws Exception {
        Path file = server.home.resolve("reseller-it").resolve(name + ".pem");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    private static List<String> sans(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().map(l -> (String) l.get(1)).sorted().toList();
    }

    private static String crl() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.publicPort + "/crl/dv.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        Path file = server.home.resolve("reseller-it/dv-" + System.nanoTime() + ".crl");
        Files.write(file, r.body());
        ClientRun run = ClientRun.run(server.home, Map.of(), List.of("openssl", "crl", "-inform", "DER", "-in",
                file.toString(), "-text", "-noout", "-CAfile", server.caFile("dv.pem").toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains("verify OK"), run.describe());
        return run.output();
    }

    /** As {@code openssl crl -text} prints it: whole bytes, so an odd number of hex digits gets a leading 0. */
    private static String serialLine(X509Certificate c) {
        String hex = c.getSerialNumber().toString(16).toUpperCase();
        return "Serial Number: " + (hex.length() % 2 == 1 ? "0" + hex : hex);
    }

    private static List<JsonObject> awaitEvents(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(count, received.size(), "events received: " + received);
        return received.stream().map(d -> new JsonObject(d.body())).toList();
    }

    /** {@code Inkan-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as docs/reseller-api.md says. */
    private static boolean signatureVerifies(Delivery d, String secret) throws Exception {
        assertNotNull(d.signature());
        String t = null;
        String v1 = null;
        for (String part : d.signature().split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + d.body()).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(v1);
    }

    private static boolean mailTo(String address, String subject) throws Exception {
        Predicate<String> wanted = m -> m.contains("Subject: " + subject) && m.lines()
                .anyMatch(l -> l.startsWith("X-Envelope-To: ") && List.of(l.substring(15).split(",\\s*")).contains(address));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Path spool = server.home.resolve("mail");
            if (Files.isDirectory(spool)) {
                try (Stream<Path> files = Files.list(spool)) {
                    if (files.filter(p -> p.toString().endsWith(".eml")).map(ResellerFlowIT::read).anyMatch(wanted)) {
                        return true;
                    }
                }
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void management(String path, JsonObject body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.managementUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String csr(List<String> names, KeyPair key) throws Exception {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + names.get(0)), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(request);
        }
        return out.toString();
    }
}
