package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.ValidationAuthority;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This perspective's domain-control checks: http-01, dns-01, tls-alpn-01 and the agreed-upon change to website
 * (BR 3.2.2.4.18). It returns what it saw; a failed check is an outcome with a problem, never a failed future.
 * Blocking network I/O (the tls-alpn-01 handshake) runs on its own bounded pool, {@value #POOL}, so that hostile
 * peers can hold at most those threads and never the workers that sign or answer OCSP; http-01 and DNS are
 * non-blocking and bounded by their own deadlines.
 */
public final class ValidationAuthorityImpl implements ValidationAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationAuthorityImpl.class);
    /** The validation pool's name (thread names start with it). */
    public static final String POOL = "inkan-validation";
    /** Threads of the validation pool when not configured. */
    public static final int DEFAULT_POOL_SIZE = 16;

    private final Vertx vertx;
    private final ValidatorConfig config;
    private final HttpClient client;
    private final WorkerExecutor pool;
    private final Http01Context http01;
    private final Dns01Check dns01;
    private final TlsAlpn01Check tlsAlpn01;
    private final WebsiteChangeCheck websiteChange;

    public ValidationAuthorityImpl(Vertx vertx, ValidatorConfig config, Clock clock) {
        this(vertx, config, clock, DEFAULT_POOL_SIZE);
    }

    /** @param poolSize threads for blocking validation I/O; at most this many handshakes run at once */
    public ValidationAuthorityImpl(Vertx vertx, ValidatorConfig config, Clock clock, int poolSize) {
        this.vertx = vertx;
        this.pool = vertx.createSharedWorkerExecutor(POOL, poolSize);
        this.config = config;
        DnsResolver resolver = DnsResolver.of(vertx, config.dns(), clock);
        int timeoutMs = (int) config.httpTimeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(false)
                .setMaxRedirects(0)
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // RFC 8555 §8.3 / BR 3.2.2.4.19: a redirect to https is followed without checking the certificate;
                // what proves control is the key authorization, not the TLS server's identity.
                .setTrustAll(true)
                .setVerifyHost(false)
                .setForceSni(true));
        HostAddresses addresses = new HostAddresses(resolver, new AddressPolicy(config.allowPrivateAddresses()));
        this.http01 = new Http01Context(vertx, client, addresses, config, clock);
        this.dns01 = new Dns01Check(resolver, config, clock);
        this.tlsAlpn01 = new TlsAlpn01Check(vertx, pool, addresses, config, clock);
        this.websiteChange = new WebsiteChangeCheck(http01);
    }

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        // One check runs on one context, so its state is only ever touched by one thread.
        Context context = vertx.getOrCreateContext();
        Promise<ValidationOutcome> outcome = Promise.promise();
        context.runOnContext(v -> check(request)
                .recover(err -> {
                    LOG.warn("validation of {} by {} failed unexpectedly", request.identifier(), request.challengeType(), err);
                    return Future.succeededFuture(new ValidationOutcome(false, CaException.problemOf(err), List.of()));
                })
                .map(o -> withIdentifier(o, request.identifier()))
                .onComplete(outcome));
        return outcome.future();
    }

    /** Closes the HTTP client and gives back the validation pool. */
    public Future<Void> close() {
        return client.close().eventually(pool::close);
    }

    public ValidatorConfig config() {
        return config;
    }

    private Future<ValidationOutcome> check(ValidationRequest request) {
        Identifier id = request.identifier();
        if (!Identifier.DNS.equals(id.type())) {
            return refuse(ErrorKind.UNSUPPORTED_IDENTIFIER, "identifier type \"" + id.type() + "\" cannot be validated");
        }
        if (request.keyAuthorization() == null || request.token() == null) {
            return refuse(ErrorKind.MALFORMED, "a token and a key authorization are needed to validate");
        }
        String name = DnsResolver.normalize(id.baseName());
        String type = request.challengeType() == null ? "" : request.challengeType();
        switch (type) {
            case Challenge.HTTP_01 -> {
                Http01Attempt attempt = new Http01Attempt(http01, request.keyAuthorization());
                return attempt.run(name, request.token()).transform(ar -> Future.succeededFuture(new ValidationOutcome(
                        ar.succeeded(), ar.succeeded() ? null : CaException.problemOf(ar.cause()), attempt.records())));
            }
            case Challenge.DNS_01 -> {
                return dns01.validate(name, request.keyAuthorization());
            }
            case Challenge.TLS_ALPN_01 -> {
                if (request.identifier().isWildcard()) {
                    // BR 3.2.2.4.20: tls-alpn-01 never validates a wildcard
                    return refuse(ErrorKind.MALFORMED, "tls-alpn-01 cannot validate a wildcard name");
                }
                return tlsAlpn01.validate(name, request.keyAuthorization());
            }
            case Challenge.WEBSITE_CHANGE -> {
                if (request.identifier().isWildcard()) {
                    // BR 3.2.2.4.18: the file proves control of that FQDN only
                    return refuse(ErrorKind.MALFORMED, "a website change cannot validate a wildcard name");
                }
                // token: the file's name under /.well-known/pki-validation/; keyAuthorization: the random value
                return websiteChange.validate(name, request.token(), request.keyAuthorization());
            }
            default -> {
                return refuse(ErrorKind.MALFORMED, "challenge type \"" + type + "\" is not supported");
            }
        }
    }

    private static Future<ValidationOutcome> refuse(ErrorKind kind, String detail) {
        return Future.succeededFuture(new ValidationOutcome(false, Problem.of(kind, detail), List.of()));
    }

    /** The problem names the identifier it is about, so the RA can use it as a subproblem (RFC 8555 §6.7.1). */
    private static ValidationOutcome withIdentifier(ValidationOutcome o, Identifier id) {
        Problem p = o.error();
        if (p == null || p.identifier() != null) {
            return o;
        }
        return new ValidationOutcome(o.valid(), new Problem(p.kind(), p.detail(), id, p.subproblems()), o.records());
    }
}
