package dev.inkan.harness.registry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the domain registries a registrant check asks, on loopback: an RDAP server (RFC 9083) with the IANA
 * bootstrap file that points at it (RFC 9224, {@code /rdap/dns.json}), an IANA WHOIS server that refers each TLD to its
 * registry (RFC 3912, as {@code whois.iana.org}) and a registry WHOIS server. As at IANA today, the bootstrap file has
 * no entry for {@code jp}, so .jp names go through WHOIS, which answers as JPRS does (ISO-2022-JP, general-use and
 * organizational layouts, {@code No match!!}). Every other TLD with a registrant here is in the bootstrap file.
 */
public final class FakeRegistries {
    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final String JPRS_BANNER = """
            [ JPRS database provides information on network administration. Its use is    ]
            [ restricted to network administration purposes. For further information,     ]
            [ use 'whois -h whois.jprs.jp help'. To suppress Japanese output, add'/e'     ]
            [ at the end of command, e.g. 'whois -h whois.jprs.jp xxx/e'.                 ]
            """;

    private final Map<String, RegistrantEntry> entries = new ConcurrentHashMap<>();
    /** Every RDAP path and WHOIS query received, in order, for tests that check the route a lookup took. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private HttpServer rdap;
    private NetServer ianaWhois;
    private NetServer registryWhois;
    private String host;

    private FakeRegistries(Clock clock) {
        this.clock = clock;
    }

    /** Starts the three servers on free ports of {@code host} (a loopback address), with the sandbox's registrants. */
    public static Future<FakeRegistries> start(Vertx vertx, String host, Clock clock) {
        FakeRegistries r = new FakeRegistries(clock);
        r.host = host;
        r.put(new RegistrantEntry("example.com", "Example Corporation", null));
        r.put(new RegistrantEntry("example.jp", "Sample Ninsho Co., Ltd.", "株式会社サンプル認証"));
        r.put(new RegistrantEntry("example.co.jp", "Sample Ninsho Co., Ltd.", "株式会社サンプル認証"));
        // the fictitious corporations of the sandbox's corporate-number registry, for OV vetting's registrant check
        r.put(new RegistrantEntry("sample-ninsho.co.jp", "Sample Ninsho Co., Ltd.", "株式会社サンプル認証"));
        r.put(new RegistrantEntry("test-shoji.co.jp", "Test Shoji Co., Ltd.", "株式会社テスト商事"));
        r.rdap = vertx.createHttpServer().requestHandler(req -> {
            r.requests.add("rdap " + req.path());
            if (req.path().equals("/rdap/dns.json")) {
                req.response().putHeader("Content-Type", "application/json").end(r.bootstrap().encodePrettily());
            } else if (req.path().startsWith("/rdap/domain/")) {
                String name = req.path().substring("/rdap/domain/".length()).toLowerCase(Locale.ROOT);
                RegistrantEntry e = r.entries.get(name);
                req.response().putHeader("Content-Type", "application/rdap+json")
                        .setStatusCode(e == null ? 404 : 200)
                        .end(e == null ? notFound(name).encode() : r.rdapDomain(e).encode());
            } else {
                req.response().setStatusCode(404).end();
            }
        });
        r.ianaWhois = vertx.createNetServer().connectHandler(s -> r.answer(s, true));
        r.registryWhois = vertx.createNetServer().connectHandler(s -> r.answer(s, false));
        return r.rdap.listen(0, host)
                .compose(v -> r.ianaWhois.listen(0, host))
                .compose(v -> r.registryWhois.listen(0, host))
                .map(v -> r)
                .recover(e -> r.stop().transform(ignored -> Future.failedFuture(e)));
    }

    public void put(RegistrantEntry e) {
        entries.put(e.domain(), e);
    }

    public void remove(String domain) {
        entries.remove(domain.toLowerCase(Locale.ROOT));
    }

    /** The bootstrap file's URL, for {@code validation.rdapBootstrapUrl}. */
    public String bootstrapUrl() {
        return "http://" + host + ":" + rdap.actualPort() + "/rdap/dns.json";
    }

    /** host:port of the IANA stand-in, for {@code validation.ianaWhois}. */
    public String ianaWhois() {
        return host + ":" + ianaWhois.actualPort();
    }

    /** The port every registry WHOIS server referred to listens on here ({@code validation.whoisPort}). */
    public int whoisPort() {
        return registryWhois.actualPort();
    }

    public Future<Void> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        if (rdap != null) {
            closing.add(rdap.close());
        }
        if (ianaWhois != null) {
            closing.add(ianaWhois.close());
        }
        if (registryWhois != null) {
            closing.add(registryWhois.close());
        }
        return Future.join(closing).mapEmpty();
    }

    /** RFC 9224 §4: services are [[labels], [base URLs]]; base URLs end with "/". */
    private JsonObject bootstrap() {
        TreeSet<String> tlds = new TreeSet<>();
        entries.values().forEach(e -> tlds.add(e.tld()));
        tlds.remove("jp");
        JsonArray services = new JsonArray();
        if (!tlds.isEmpty()) {
            services.add(new JsonArray().add(new JsonArray(new ArrayList<>(tlds)))
                    .add(new JsonArray().add("http://" + host + ":" + rdap.actualPort() + "/rdap/")));
        }
        return new JsonObject().put("version", "1.0").put("publication", clock.instant().toString())
                .put("description", "RDAP bootstrap file for Domain Name System registrations (sandbox)")
                .put("services", services);
    }

    private JsonObject rdapDomain(RegistrantEntry e) {
        JsonArray vcard = new JsonArray().add("vcard").add(new JsonArray()
                .add(new JsonArray().add("version").add(new JsonObject()).add("text").add("4.0"))
                .add(new JsonArray().add("fn").add(new JsonObject()).add("text").add(e.name()))
                .add(new JsonArray().add("kind").add(new JsonObject()).add("text").add("org")));
        return new JsonObject()
                .put("rdapConformance", new JsonArray().add("rdap_level_0"))
                .put("objectClassName", "domain")
                .put("handle", e.domain().toUpperCase(Locale.ROOT).replace('.', '-') + "-REG")
                .put("ldhName", e.domain())
                .put("status", new JsonArray().add("active"))
                .put("events", new JsonArray().add(new JsonObject().put("eventAction", "registration")
                        .put("eventDate", "2012-06-15T00:00:00Z")))
                .put("entities", new JsonArray()
                        .add(new JsonObject().put("objectClassName", "entity").put("handle", "REG-1")
                                .put("roles", new JsonArray().add("registrant")).put("vcardArray", vcard))
                        .add(new JsonObject().put("objectClassName", "entity").put("handle", "9999")
                                .put("roles", new JsonArray().add("registrar"))
                                .put("vcardArray", new JsonArray().add("vcard").add(new JsonArray()
                                        .add(new JsonArray().add("fn").add(new JsonObject()).add("text")
                                                .add("Sandbox Registrar"))))));
    }

    private static JsonObject notFound(String name) {
        return new JsonObject().put("errorCode", 404).put("title", "Not Found")
                .put("description", new JsonArray().add("no domain " + name));
    }

    /** RFC 3912: one query line, one answer, then the server closes the connection. */
    private void answer(NetSocket socket, boolean iana) {
        Buffer line = Buffer.buffer();
        socket.handler(chunk -> {
            line.appendBuffer(chunk);
            String text = line.toString(StandardCharsets.US_ASCII);
            int end = text.indexOf('\n');
            if (end < 0) {
                if (line.length() > 1024) {
                    socket.close();
                }
                return;
            }
            String query = text.substring(0, end).trim();
            requests.add((iana ? "iana " : "whois ") + query);
            Buffer reply = iana ? Buffer.buffer(ianaAnswer(query), "US-ASCII") : registryAnswer(query);
            socket.write(reply).onComplete(v -> socket.close());
        });
    }

    private static String ianaAnswer(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        String tld = q.substring(q.lastIndexOf('.') + 1);
        String server = tld.equals("jp") ? "whois.jprs.jp" : "whois.nic." + tld;
        return "% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n"
                + "% This query returned 1 object\n\n"
                + "refer:        " + server + "\n\n"
                + "domain:       " + tld.toUpperCase(Locale.ROOT) + "\n\n"
                + "whois:        " + server + "\n\n"
                + "status:       ACTIVE\nsource:       IANA\n";
    }

    private Buffer registryAnswer(String query) {
        boolean english = query.endsWith("/e");
        String name = (english ? query.substring(0, query.length() - 2) : query).toLowerCase(Locale.ROOT);
        RegistrantEntry e = entries.get(name);
        if (name.endsWith(".jp")) {
            String text = JPRS_BANNER + "\n" + (e == null ? "No match!!\n\nhttp://jprs.jp/info/jp-whois/\n"
                    : jprs(e, english));
            return Buffer.buffer(text.getBytes(english ? StandardCharsets.US_ASCII : ISO_2022_JP));
        }
        String text = e == null ? "No match for \"" + name.toUpperCase(Locale.ROOT) + "\".\n"
                : "Domain Name: " + e.domain().toUpperCase(Locale.ROOT) + "\nRegistrar: Sandbox Registrar\n"
                        + "Registrant Organization: " + e.name() + "\n";
        return Buffer.buffer(text, "UTF-8");
    }

    /** JPRS layouts: general-use (example.jp) and organizational (example.co.jp), labels value at column 33. */
    private static String jprs(RegistrantEntry e, boolean english) {
        String domain = e.domain().toUpperCase(Locale.ROOT);
        boolean organizational = e.domain().split("\\.").length > 2;
        StringBuilder b = new StringBuilder(english ? "Domain Information:\n" : "Domain Information: [ドメイン情報]\n");
        if (organizational) {
            b.append(label(english ? "a. [Domain Name]" : "a. [ドメイン名]", domain));
            if (!english && e.nameJa() != null) {
                b.append(label("f. [組織名]", e.nameJa()));
            }
            b.append(label("g. [Organization]", e.name()));
            b.append(label(english ? "l. [Organization Type]" : "l. [Organization Type]", "Corporation"));
            b.append(label(english ? "[State]" : "[状態]", "Connected (2027/03/31)"));
        } else {
            b.append(label("[Domain Name]", domain)).append('\n');
            if (!english && e.nameJa() != null) {
                b.append(label("[登録者名]", e.nameJa()));
            }
            b.append(label("[Registrant]", e.name())).append('\n');
            b.append(label(english ? "[Status]" : "[状態]", "Active"));
        }
        return b.toString();
    }

    private static String label(String label, String value) {
        // JPRS pads labels to column 33 (full-width characters count double, as a terminal shows them)
        int width = label.codePoints().map(c -> c > 0x2E80 ? 2 : 1).sum();
        return label + " ".repeat(Math.max(1, 32 - width)) + value + "\n";
    }
}
