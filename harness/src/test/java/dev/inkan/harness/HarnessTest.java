package dev.inkan.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import dev.inkan.core.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class HarnessTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private Vertx vertx;
    private Harness harness;
    private final MutableClock clock = new MutableClock(T0);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral(), clock));
    }

    @AfterEach
    void stop() throws Exception {
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testA_everyNameGetsTheDefaultIPv4() throws Exception {
        Message r = query("anything.example.com", Type.A);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(List.of("127.0.0.1"), addresses(r));
    }

    @Test
    void testA_addressesSetThroughTheApiReplaceTheDefault() throws Exception {
        assertEquals(200, post("/add-a", "{\"host\":\"www.example.com.\",\"addresses\":[\"10.0.0.1\",\"10.0.0.2\"]}"));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), addresses(query("WWW.Example.COM", Type.A)));
        assertEquals(200, post("/clear-a", "{\"host\":\"www.example.com.\"}"));
        assertEquals(List.of("127.0.0.1"), addresses(query("www.example.com", Type.A)));
    }

    @Test
    void testAaaa_noAnswerByDefault() throws Exception {
        Message r = query("v6.example.com", Type.AAAA);
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
    }

    @Test
    void testTxt_setAndClearedThroughTheManagementApi() throws Exception {
        String host = "_acme-challenge.example.com.";
        assertEquals(200, post("/set-txt", "{\"host\":\"" + host + "\",\"value\":\"abc123\"}"));
        assertEquals(List.of("abc123"), txt(query(host, Type.TXT)));
        assertEquals(200, post("/clear-txt", "{\"host\":\"" + host + "\"}"));
        assertEquals(List.of(), txt(query(host, Type.TXT)));
    }

    @Test
    void testTxt_severalValuesAreAllServed() throws Exception {
        harness.setTxt("_acme-challenge.example.com.", "one");
        harness.setTxt("_acme-challenge.example.com", "two");
        assertEquals(List.of("one", "two"), txt(query("_acme-challenge.example.com", Type.TXT)).stream().sorted().toList());
    }

    @Test
    void testTxt_aValueLongerThan255OctetsIsSplitIntoStrings() throws Exception {
        String value = "x".repeat(300);
        harness.setTxt("long.example.com", value);
        TXTRecord rec = (TXTRecord) query("long.example.com", Type.TXT).getSection(Section.ANSWER).get(0);
        assertEquals(2, rec.getStrings().size());
        assertEquals(value, String.join("", rec.getStrings()));
    }

    @Test
    void testCname_chainIsFollowedAndReturnedWithTheTargetsRecords() throws Exception {
        assertEquals(200, post("/set-cname", "{\"host\":\"_acme-challenge.a.example.\",\"target\":\"b.example.net.\"}"));
        harness.setCname("b.example.net", "c.example.org");
        harness.setTxt("c.example.org", "delegated");
        Message r = query("_acme-challenge.a.example", Type.TXT);
        List<Record> answer = r.getSection(Section.ANSWER);
        assertEquals(3, answer.size());
        assertEquals("b.example.net.", ((CNAMERecord) answer.get(0)).getTarget().toString());
        assertEquals("c.example.org.", ((CNAMERecord) answer.get(1)).getTarget().toString());
        assertEquals(List.of("delegated"), txt(r));
    }

    @Test
    void testCname_askedForDirectlyGivesOnlyTheAlias() throws Exception {
        harness.setCname("alias.example.com", "target.example.com");
        Message r = query("alias.example.com", Type.CNAME);
        assertEquals(1, r.getSection(Section.ANSWER).size());
        assertEquals(Type.CNAME, r.getSection(Section.ANSWER).get(0).getType());
    }

    @Test
    void testCaa_issueAndIssuewildWithTheirFlags() throws Exception {
        assertEquals(200, post("/add-caa", "{\"host\":\"example.com.\",\"policies\":["
                + "{\"tag\":\"issue\",\"value\":\"jprs.jp\"},{\"tag\":\"issuewild\",\"value\":\";\"}]}"));
        harness.addCaa("example.com", List.of(new CaaPolicy(128, "tbs", "unknown")));
        List<CAARecord> caa = query("example.com", Type.CAA).getSection(Section.ANSWER).stream()
                .map(CAARecord.class::cast).toList();
        assertEquals(List.of("issue=jprs.jp", "issuewild=;", "tbs=unknown"),
                caa.stream().map(c -> c.getTag() + "=" + c.getValue()).toList());
        assertEquals(List.of(0, 0, 128), caa.stream().map(CAARecord::getFlags).toList());
        assertEquals(200, post("/clear-caa", "{\"host\":\"example.com.\"}"));
        assertTrue(query("example.com", Type.CAA).getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void testServfail_untilCleared() throws Exception {
        assertEquals(200, post("/set-servfail", "{\"host\":\"broken.example.com.\"}"));
        assertEquals(Rcode.SERVFAIL, query("broken.example.com", Type.A).getRcode());
        assertEquals(Rcode.SERVFAIL, query("broken.example.com", Type.TXT).getRcode());
        assertEquals(200, post("/clear-servfail", "{\"host\":\"broken.example.com.\"}"));
        assertEquals(Rcode.NOERROR, query("broken.example.com", Type.A).getRcode());
    }

    @Test
    void testServfail_onACnameTargetFailsTheAlias() throws Exception {
        harness.setCname("alias.example.com", "broken.example.net");
        harness.setServfail("broken.example.net");
        assertEquals(Rcode.SERVFAIL, query("alias.example.com", Type.TXT).getRcode());
    }

    @Test
    void testNxdomain_whenNoDefaultAndNoRecords() throws Exception {
        harness.setDefaultIPv4("");
        harness.setTxt("_acme-challenge.exists.example", "v");
        assertEquals(Rcode.NXDOMAIN, query("missing.example", Type.A).getRcode());
        // RFC 8020: a name with records below it exists.
        assertEquals(Rcode.NOERROR, query("exists.example", Type.A).getRcode());
    }

    @Test
    void testTcp_answersTheSameAsUdp() throws Exception {
        harness.setTxt("tcp.example.com", "over-tcp");
        SimpleResolver resolver = resolver();
        resolver.setTCP(true);
        Message r = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("tcp.example.com."), Type.TXT, DClass.IN)));
        assertEquals(List.of("over-tcp"), txt(r));
    }

    @Test
    void testUdp_anAnswerTooLongIsTruncatedAndTheResolverRetriesOverTcp() throws Exception {
        for (int i = 0; i < 30; i++) {
            harness.setTxt("big.example.com", "value-" + i + "-" + "x".repeat(40));
        }
        SimpleResolver udpOnly = resolver();
        udpOnly.setIgnoreTruncation(true);
        Message truncated = udpOnly.send(Message.newQuery(Record.newRecord(Name.fromString("big.example.com."), Type.TXT, DClass.IN)));
        assertTrue(truncated.getHeader().getFlag(org.xbill.DNS.Flags.TC));
        assertEquals(30, txt(query("big.example.com", Type.TXT)).size());
    }

    @Test
    void testHistory_recordsEachQuestionWithItsTypeAndTime() throws Exception {
        query("seen.example.com", Type.A);
        clock.advance(Duration.ofSeconds(5));
        query("seen.example.com", Type.TXT);
        List<DnsRequestEvent> events = harness.dnsRequestHistory("seen.example.com.");
        assertEquals(List.of(Type.A, Type.TXT), events.stream().map(DnsRequestEvent::type).toList());
        assertEquals(List.of(T0, T0.plusSeconds(5)), events.stream().map(DnsRequestEvent::at).toList());

        JsonArray json = new JsonArray(postForBody("/dns-request-history", "{\"host\":\"seen.example.com\"}"));
        assertEquals(2, json.size());
        assertEquals("seen.example.com.", json.getJsonObject(0).getJsonObject("Question").getString("Name"));
        assertEquals(16, json.getJsonObject(1).getJsonObject("Question").getInteger("Qtype"));

        assertEquals(200, post("/clear-request-history", "{\"host\":\"seen.example.com\",\"type\":\"dns\"}"));
        assertTrue(harness.dnsRequestHistory("seen.example.com").isEmpty());
    }

    @Test
    void testManagement_refusesAnEmptyHostOrBody() throws Exception {
        assertEquals(400, post("/set-txt", "{\"host\":\"\",\"value\":\"v\"}"));
        assertEquals(400, post("/add-a", ""));
        assertEquals(400, post("/add-a", "{\"host\":\"x.example.\",\"addresses\":[\"not-an-ip\"]}"));
        assertEquals(400, post("/clear-request-history", "{\"host\":\"x\",\"type\":\"smtp\"}"));
    }

    @Test
    void testManagement_keysMatchCaseInsensitivelyAsInGo() throws Exception {
        assertEquals(200, post("/set-txt", "{\"Host\":\"case.example.\",\"VALUE\":\"v\"}"));
        assertEquals(List.of("v"), txt(query("case.example", Type.TXT)));
    }

    @Test
    void testHttp01_servesTheTokenAndRecordsTheRequest() throws Exception {
        assertEquals(200, post("/add-http01", "{\"token\":\"tok1\",\"content\":\"tok1.thumb\"}"));
        Fetched r = get("/.well-known/acme-challenge/tok1", "site.example.com");
        assertEquals(200, r.status());
        assertEquals("tok1.thumb", r.body());
        assertEquals(404, get("/.well-known/acme-challenge/other", "site.example.com").status());
        assertEquals(2, harness.httpRequestHistory("site.example.com").size());
        assertEquals(200, post("/del-http01", "{\"token\":\"tok1\"}"));
        assertEquals(404, get("/.well-known/acme-challenge/tok1", "site.example.com").status());
    }

    @Test
    void testHttp01_redirectIsServedAsFound() throws Exception {
        assertEquals(200, post("/add-redirect",
                "{\"path\":\"/.well-known/acme-challenge/moved\",\"targetURL\":\"http://other.example.com/x\"}"));
        Fetched r = get("/.well-known/acme-challenge/moved", "site.example.com");
        assertEquals(302, r.status());
        assertEquals("http://other.example.com/x", r.location());
        assertEquals(200, post("/del-redirect", "{\"path\":\"/.well-known/acme-challenge/moved\"}"));
        assertEquals(404, get("/.well-known/acme-challenge/moved", "site.example.com").status());
    }

    @Test
    void testConfig_refusesToListenOnEveryInterface() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> HarnessConfig.Bind.parse("0.0.0.0:8053"));
        assertEquals("127.0.0.1:8053", HarnessConfig.Bind.parse(":8053").toString());
    }

    @Test
    void testMain_parsesChalltestsrvFlags() {
        HarnessConfig c = HarnessMain.parse(new String[] {"-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:9053", "-http01", "", "-https01", "", "-tlsalpn01=", "--management=127.0.0.1:9055"});
        assertEquals(9053, c.dns().port());
        assertEquals(9055, c.management().port());
        assertEquals(null, c.http01());
        assertEquals("", c.defaultIPv6());
    }

    // ---- plumbing ----

    private SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", harness.dnsPort()));
        r.setTimeout(Duration.ofSeconds(5));
        return r;
    }

    private Message query(String name, int type) throws Exception {
        String fqdn = name.endsWith(".") ? name : name + ".";
        return resolver().send(Message.newQuery(Record.newRecord(Name.fromString(fqdn), type, DClass.IN)));
    }

    private static List<String> addresses(Message r) {
        return r.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(rec -> ((ARecord) rec).getAddress().getHostAddress()).toList();
    }

    private static List<String> txt(Message r) {
        return r.getSection(Section.ANSWER).stream().filter(TXTRecord.class::isInstance)
                .map(rec -> String.join("", ((TXTRecord) rec).getStrings())).collect(Collectors.toList());
    }

    private int post(String path, String body) throws Exception {
        return send(path, body).statusCode();
    }

    private String postForBody(String path, String body) throws Exception {
        HttpResponse<String> r = send(path, body);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.managementPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(5)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private record Fetched(int status, String location, String body) {
        static Fetched parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            String[] head = raw.substring(0, split).split("\r\n");
            String location = null;
            for (String line : head) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("location:")) {
                    location = line.substring("location:".length()).trim();
                }
            }
            return new Fetched(Integer.parseInt(head[0].split(" ")[1]), location, raw.substring(split + 4));
        }
    }

    private Fetched get(String path, String host) throws Exception {
        // java.net.http forbids setting Host, so send a raw request to control it.
        try (var socket = new java.net.Socket("127.0.0.1", harness.http01Port())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Fetched.parse(raw);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
