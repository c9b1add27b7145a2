package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrant of a domain: RDAP when IANA's bootstrap file names a server for its TLD (RFC 9224, RFC 9083), else
 * WHOIS through IANA's referral (RFC 3912). Answers are reused for at most the configured age, never beyond 48 hours
 * (BR 3.2.2.4 as amended by SC-080), and keep the time the registry gave them.
 */
public final class RegistrantLookupService implements RegistrantLookup {
    private final RegistrantConfig config;
    private final Clock clock;
    private final io.vertx.core.http.HttpClient http;
    private final RdapFetch fetch;
    private final RdapBootstrap bootstrap;
    private final WhoisClient whois;
    private final Map<String, Registrant> answers = new ConcurrentHashMap<>();

    /**
     * @param validation for the resolver the WHOIS host names go through and whether reserved addresses are allowed
     *                   (the sandbox's fakes are on loopback)
     */
    public RegistrantLookupService(Vertx vertx, ValidatorConfig validation, RegistrantConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout((int) config.timeout().toMillis()));
        this.fetch = new RdapFetch(http, config.timeout().toMillis());
        this.bootstrap = new RdapBootstrap(vertx, config, fetch, clock);
        HostAddresses addresses = new HostAddresses(DnsResolver.of(vertx, validation.dns(), clock),
                new AddressPolicy(validation.allowPrivateAddresses()));
        this.whois = new WhoisClient(vertx, addresses, config);
    }

    @Override
    public Future<Registrant> lookup(String domain) {
        String d = DnsResolver.normalize(domain).toLowerCase(Locale.ROOT);
        Registrant cached = answers.get(d);
        if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(config.maxAge()))) {
            return Future.succeededFuture(cached);
        }
        return bootstrap.baseUrl(d)
                .compose(base -> base.isPresent() ? rdap(d, base.get()) : whois(d))
                .map(r -> {
                    answers.put(d, r);
                    return r;
                });
    }

    @Override
    public Future<RegistrantComparison> compare(String domain, String organizationName) {
        return lookup(domain).map(r -> {
            String matched = RegistrantNames.match(r.names(), organizationName);
            String detail = matched != null
                    ? "the registrant \"" + matched + "\" is \"" + organizationName + "\""
                    : r.names().isEmpty()
                            ? "the " + r.protocol() + " answer from " + r.source() + " names no registrant"
                            : "no registrant name " + r.names() + " is \"" + organizationName + "\"";
            return new RegistrantComparison(organizationName, matched != null, detail, r);
        });
    }

    /** When the bootstrap file in use was fetched (for operators and tests). */
    public Future<Instant> bootstrapFetchedAt() {
        return bootstrap.snapshot().map(RdapBootstrap.Snapshot::fetchedAt);
    }

    public Future<Void> close() {
        return whois.close().eventually(http::close);
    }

    private Future<Registrant> rdap(String domain, String base) {
        String url = (base.endsWith("/") ? base : base + "/") + "domain/" + domain;
        Instant at = clock.instant();
        return fetch.json(url).map(answer -> {
            if (answer.getInteger("errorCode", 0) == 404) {
                throw new CaException(ErrorKind.UNAUTHORIZED, "RDAP " + url + ": no such domain registered");
            }
            List<String> names = RegistrantRecords.fromRdap(answer);
            return new Registrant(domain, names, "rdap", url, at, RegistrantRecords.excerpt(names));
        });
    }

    private Future<Registrant> whois(String domain) {
        Instant at = clock.instant();
        return whois.lookup(domain).map(answer -> {
            WhoisClient.Answer a = answer.orElseThrow(() -> new CaException(ErrorKind.UNAUTHORIZED,
                    "neither IANA's RDAP bootstrap file nor its WHOIS server names a registry for " + domain));
            if (a.text().contains("No match")) {
                throw new CaException(ErrorKind.UNAUTHORIZED, "WHOIS " + a.server() + ": no such domain registered ("
                        + domain + ")");
            }
            List<String> names = RegistrantRecords.fromWhois(a.text());
            return new Registrant(domain, names, "whois", "whois://" + a.server() + "/" + domain, at,
                    RegistrantRecords.excerpt(names));
        });
    }
}
