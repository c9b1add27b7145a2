package dev.inkan.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * A Pebble-style stand-in for the outside world: a mock DNS server, pebble-challtestsrv's management API and,
 * when asked for, its HTTP-01 and TLS-ALPN-01 responders. Tests drive it through the methods below, which mirror the management
 * endpoints one for one; external ACME clients' hooks drive it over HTTP.
 */
public final class Harness {
    private final MockDnsData dnsData;
    private final Http01Responses http01Responses = new Http01Responses();
    private final RequestHistory history = new RequestHistory();
    private MockDns dns;
    private ManagementServer management;
    private Http01Responder http01;
    private final TlsAlpn01Responses tlsAlpn01Responses = new TlsAlpn01Responses();
    private TlsAlpn01Responder tlsAlpn01;
    private Vertx vertx;
    private Clock clock;
    private SignedZones signedZones;
    private dev.inkan.harness.registry.FakeRegistries registries;

    private Harness(HarnessConfig config) {
        this.dnsData = new MockDnsData(ipv4OrEmpty(config.defaultIPv4()), ipv6OrEmpty(config.defaultIPv6()));
    }

    public static Future<Harness> start(Vertx vertx, HarnessConfig config) {
        return start(vertx, config, Clock.systemUTC());
    }

    /** @param clock stamps the request history */
    public static Future<Harness> start(Vertx vertx, HarnessConfig config, Clock clock) {
        Harness h;
        try {
            h = new Harness(config);
            h.vertx = vertx;
            h.clock = clock;
            h.signedZones = new SignedZones(clock);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Future<Void> started = Future.succeededFuture();
        if (config.dns() != null) {
            MockDns d = new MockDns(vertx, new DnsResponder(h.dnsData, h.history, clock, h.signedZones));
            started = started.compose(v -> d.listen(config.dns().host(), config.dns().port()))
                    .map(d2 -> { h.dns = d2; return null; });
        }
        if (config.management() != null) {
            ManagementServer m = new ManagementServer(vertx, h);
            started = started.compose(v -> m.listen(config.management().host(), config.management().port()))
                    .map(m2 -> { h.management = m2; return null; });
        }
        if (config.http01() != null) {
            Http01Responder r = new Http01Responder(vertx, h.http01Responses, h.history, clock);
            started = started.compose(v -> r.listen(config.http01().host(), config.http01().port()))
                    .map(r2 -> { h.http01 = r2; return null; });
        }
        // A listener that failed to bind must not leave the others running.
        return started.map(v -> h).recover(err -> h.stop().transform(ignored -> Future.failedFuture(err)));
    }

    public Future<Void> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        if (dns != null) {
            closing.add(dns.close());
        }
        if (management != null) {
            closing.add(management.close());
        }
        if (http01 != null) {
            closing.add(http01.close());
        }
        if (registries != null) {
            closing.add(registries.stop());
        }
        if (tlsAlpn01 != null) {
            TlsAlpn01Responder r = tlsAlpn01;
            closing.add(vertx.executeBlocking(() -> {
                r.close();
                return null;
            }, false));
        }
        return Future.join(closing).mapEmpty();
    }

    /** The DNS port (UDP and TCP), or -1 when the DNS server is off. */
    public int dnsPort() {
        return dns == null ? -1 : dns.port();
    }

    /** host:port of the DNS server, e.g. for a resolver configuration; null when it is off. */
    public String dnsAddress() {
        return dns == null ? null : new HarnessConfig.Bind(dns.host(), dns.port()).toString();
    }

    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    public int http01Port() {
        return http01 == null ? -1 : http01.port();
    }

    /**
     * Starts challtestsrv's -tlsalpn01 responder (RFC 8737) on host:port, 0 for a free port; returns the port.
     * Off unless started: an ACME client under test usually serves tls-alpn-01 itself.
     */
    public Future<Integer> listenTlsAlpn01(String host, int port) {
        HarnessConfig.Bind bind;
        try {
            bind = new HarnessConfig.Bind(host, port);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        TlsAlpn01Responder r = new TlsAlpn01Responder(tlsAlpn01Responses, history, clock);
        return vertx.executeBlocking(() -> r.listen(bind.host(), bind.port()), false).map(started -> {
            tlsAlpn01 = started;
            return started.port();
        });
    }

    /**
     * Starts the fake domain registries (RDAP with its IANA bootstrap file, IANA WHOIS referral, registry WHOIS) on free
     * ports of {@code host}, a loopback address. Off unless started.
     */
    public Future<dev.inkan.harness.registry.FakeRegistries> listenRegistries(String host) {
        HarnessConfig.Bind bind;
        try {
            bind = new HarnessConfig.Bind(host, 0);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return dev.inkan.harness.registry.FakeRegistries.start(vertx, bind.host(), clock).map(r -> {
            registries = r;
            return r;
        });
    }

    /** The fake registries, or null when they are off. */
    public dev.inkan.harness.registry.FakeRegistries registries() {
        return registries;
    }

    /** The TLS-ALPN-01 port, or -1 when that responder is off. */
    public int tlsAlpn01Port() {
        return tlsAlpn01 == null ? -1 : tlsAlpn01.port();
    }

    // ---- mock DNS, as /set-default-ipv4 ... /clear-servfail ----

    /** "" turns the default off: A queries without a record of their own get no answer. */
    public void setDefaultIPv4(String ip) {
        dnsData.setDefaultIPv4(ipv4OrEmpty(ip));
    }

    public void setDefaultIPv6(String ip) {
        dnsData.setDefaultIPv6(ipv6OrEmpty(ip));
    }

    /** Adds to any addresses already set for host; they replace the default IPv4 for it. */
    public void addA(String host, List<String> addresses) {
        addresses.forEach(a -> requireLiteral(a, Address.IPv4, "IPv4"));
        dnsData.addA(checkedName(host), addresses);
    }

    public void clearA(String host) {
        dnsData.clearA(checkedName(host));
    }

    public void addAaaa(String host, List<String> addresses) {
        addresses.forEach(a -> requireLiteral(a, Address.IPv6, "IPv6"));
        dnsData.addAaaa(checkedName(host), addresses);
    }

    public void clearAaaa(String host) {
        dnsData.clearAaaa(checkedName(host));
    }

    public void addCaa(String host, List<CaaPolicy> policies) {
        dnsData.addCaa(checkedName(host), policies);
    }

    public void clearCaa(String host) {
        dnsData.clearCaa(checkedName(host));
    }

    /** Makes host an alias of target: queries for host get the CNAME and target's records. */
    public void setCname(String host, String target) {
        dnsData.setCname(checkedName(host), checkedName(target));
    }

    public void clearCname(String host) {
        dnsData.clearCname(checkedName(host));
    }

    /** Every query for host (or through it in a CNAME chain) gets SERVFAIL until cleared. */
    public void setServfail(String host) {
        dnsData.setServfail(checkedName(host));
    }

    public void clearServfail(String host) {
        dnsData.clearServfail(checkedName(host));
    }

    /** Adds a TXT value for host (a second call adds a second record, as challtestsrv does). */
    public void setTxt(String host, String value) {
        Objects.requireNonNull(value, "value");
        dnsData.addTxt(checkedName(host), value);
    }

    /** Removes every TXT value of host. */
    public void clearTxt(String host) {
        dnsData.clearTxt(checkedName(host));
    }

    // ---- DNSSEC, for tests of a validating resolver ----

    /**
     * Signs every answer under zone from now on (for queries with the DO bit); returns the zone's DNSKEY in
     * zone-file form, the trust anchor a validating resolver is to be given.
     */
    public String signZone(String zone) {
        return signedZones.sign(checkedName(zone));
    }

    /** RRsets owned by host get signatures that do not verify: a validating resolver must call them bogus. */
    public void setBogus(String host) {
        signedZones.setBogus(checkedName(host));
    }

    public void clearBogus(String host) {
        signedZones.clearBogus(checkedName(host));
    }

    // ---- HTTP-01, as /add-http01 ... /del-redirect ----

    public void addHttp01(String token, String content) {
        http01Responses.add(Objects.requireNonNull(token, "token"), Objects.requireNonNull(content, "content"));
    }

    public void delHttp01(String token) {
        http01Responses.delete(token);
    }

    /** Requests for path (exactly, e.g. {@code /.well-known/acme-challenge/abc}) get a 302 to targetUrl. */
    public void addRedirect(String path, String targetUrl) {
        http01Responses.addRedirect(Objects.requireNonNull(path, "path"), Objects.requireNonNull(targetUrl, "targetUrl"));
    }

    public void delRedirect(String path) {
        http01Responses.deleteRedirect(path);
    }

    // ---- TLS-ALPN-01, as /add-tlsalpn01 and /del-tlsalpn01 ----

    /** Handshakes with SNI host get a certificate for the key authorization {@code content} (RFC 8737 §3). */
    public void addTlsAlpn01(String host, String content) {
        tlsAlpn01Responses.add(checkedName(host), Objects.requireNonNull(content, "content"));
    }

    public void delTlsAlpn01(String host) {
        tlsAlpn01Responses.delete(checkedName(host));
    }

    // ---- request history ----

    /** Questions received for host (with or without trailing dot), oldest first. */
    public List<DnsRequestEvent> dnsRequestHistory(String host) {
        return history.dns(host);
    }

    /** Requests the HTTP-01 responder received with this Host (port ignored), oldest first. */
    public List<HttpRequestEvent> httpRequestHistory(String host) {
        return history.http(host);
    }

    /** TLS-ALPN-01 handshakes whose SNI was host, oldest first. */
    public List<TlsAlpnRequestEvent> tlsAlpnRequestHistory(String host) {
        return history.tlsAlpn(host);
    }

    /** @param type {@code dns}, {@code http} or {@code tlsalpn}, as /clear-request-history takes it */
    public void clearRequestHistory(String host, String type) {
        history.clear(host, RequestHistory.Kind.fromWire(type));
    }

    private static String checkedName(String host) {
        Objects.requireNonNull(host, "host");
        String n = DnsNames.normalize(host);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        try {
            Name.fromString(n + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + host, e);
        }
        return n;
    }

    private static String ipv4OrEmpty(String ip) {
        return ip == null || ip.isBlank() ? "" : requireLiteral(ip.trim(), Address.IPv4, "IPv4");
    }

    private static String ipv6OrEmpty(String ip) {
        return ip == null || ip.isBlank() ? "" : requireLiteral(ip.trim(), Address.IPv6, "IPv6");
    }

    private static String requireLiteral(String ip, int family, String what) {
        if (ip == null || DnsResponder.literal(ip, family) == null) {
            throw new IllegalArgumentException("not an " + what + " address: " + ip);
        }
        return ip;
    }
}
