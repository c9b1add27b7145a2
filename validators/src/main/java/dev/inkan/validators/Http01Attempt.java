package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.ValidationRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * One http-01 check (RFC 8555 §8.3, BR 3.2.2.4.19): resolve the name with our resolver, connect to the address
 * it gave (never through the system resolver), GET the challenge URL with Host: name, follow at most
 * {@value #MAX_REDIRECTS} redirects, read at most {@value #MAX_BODY} octets, and record every fetch.
 * The agreed-upon change to website (BR 3.2.2.4.18) fetches its file the same way, with the same redirect and port
 * rules, through a {@link WellKnownFile}.
 * It is used once: it holds the records and the request in flight.
 */
final class Http01Attempt {
    static final int MAX_REDIRECTS = 10;
    static final int MAX_BODY = 64 * 1024;
    private static final String USER_AGENT = "Inkan-VA/0.1 (+RFC 8555 http-01)";

    private final Http01Context ctx;
    private final WellKnownFile file;
    private final List<ValidationRecord> records = new ArrayList<>();
    private final java.util.Set<String> visited = new java.util.HashSet<>();
    private HttpClientRequest inFlight;

    Http01Attempt(Http01Context ctx, String keyAuthorization) {
        this(ctx, WellKnownFile.http01(keyAuthorization));
    }

    Http01Attempt(Http01Context ctx, WellKnownFile file) {
        this.ctx = ctx;
        this.file = file;
    }

    List<ValidationRecord> records() {
        return List.copyOf(records);
    }

    /** Succeeds when the server gave the key authorization; fails with the problem (a CaException) otherwise. */
    Future<Void> run(String name, String token) {
        return run(ChallengeUrl.initial(name, ctx.config().http01Port(), token));
    }

    /** Fetches from {@code first}; succeeds when the file's expectation holds. */
    Future<Void> run(ChallengeUrl first) {
        Promise<Void> done = Promise.promise();
        visited.add(first.toString());
        long timeoutMs = ctx.config().httpTimeout().toMillis();
        long timer = ctx.vertx().setTimer(timeoutMs, id -> {
            if (done.tryFail(new CaException(ErrorKind.CONNECTION, "Fetching " + first + ": no complete answer within "
                    + timeoutMs + " ms" + (records.size() > 1 ? " (after " + (records.size() - 1) + " redirects)" : "")))
                    && inFlight != null) {
                inFlight.reset();
            }
        });
        fetch(first, 0).compose(this::check).onComplete(ar -> {
            ctx.vertx().cancelTimer(timer);
            if (ar.succeeded()) {
                done.tryComplete();
            } else {
                done.tryFail(ar.cause());
            }
        });
        return done.future();
    }

    private Future<Void> check(String body) {
        CaException refused = file.refusal(body);
        return refused == null ? Future.succeededFuture() : Future.failedFuture(refused);
    }

    private Future<String> fetch(ChallengeUrl url, int redirects) {
        return resolve(url.host()).compose(addresses -> {
            InetAddress use = addresses.get(0);
            records.add(record(url, addresses, use, null));
            return get(url, use).compose(fetched -> {
                if (fetched.isRedirect()) {
                    if (redirects >= MAX_REDIRECTS) {
                        return Future.failedFuture(new CaException(ErrorKind.CONNECTION,
                                "Too many redirects (more than " + MAX_REDIRECTS + ") fetching " + records.get(0).url()));
                    }
                    ChallengeUrl next;
                    try {
                        next = url.redirect(fetched.location(), ctx.redirectPorts());
                    } catch (CaException e) {
                        return Future.failedFuture(e);
                    }
                    if (!visited.add(next.toString())) {
                        return Future.failedFuture(new CaException(ErrorKind.CONNECTION, "Redirect loop fetching "
                                + records.get(0).url() + ": " + next + " was already fetched"));
                    }
                    return fetch(next, redirects + 1);
                }
                String body = fetched.body().toString(StandardCharsets.UTF_8);
                seen(body);
                if (!file.acceptsStatus(fetched.status())) {
                    return Future.failedFuture(new CaException(ErrorKind.UNAUTHORIZED, "Invalid response from " + url
                            + " [" + use.getHostAddress() + "]: HTTP " + fetched.status()
                            + (body.isBlank() ? "" : ", \"" + Excerpt.of(body) + "\"")));
                }
                return Future.succeededFuture(body);
            });
        });
    }

    private Future<List<InetAddress>> resolve(String host) {
        return ctx.addresses().resolve(host).map(HostAddresses.Resolved::usable);
    }

    private record Fetched(int status, String location, Buffer body) {
        boolean isRedirect() {
            // BR 3.2.2.4.19: only HTTP-layer redirects with status 301, 302, 307 or 308 are followed.
            return (status == 301 || status == 302 || status == 307 || status == 308) && location != null;
        }
    }

    private Future<Fetched> get(ChallengeUrl url, InetAddress address) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                // The connection goes to the address our resolver gave; host and port only make the Host header
                // and the TLS server name.
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, url.port())))
                .setHost(url.host())
                .setPort(url.port())
                .setURI(url.pathAndQuery())
                .setSsl(url.https())
                .setFollowRedirects(false)
                .putHeader("User-Agent", USER_AGENT)
                .putHeader("Accept", "*/*");
        String where = address.getHostAddress() + ":" + url.port();
        return ctx.client().request(options)
                .compose(req -> {
                    inFlight = req;
                    return req.send();
                })
                .compose(this::readCapped)
                .recover(err -> Future.failedFuture(transportProblem(err, url, where)));
    }

    /** Reads the body up to {@value #MAX_BODY} octets; a longer one is refused and the connection dropped. */
    private Future<Fetched> readCapped(HttpClientResponse response) {
        Promise<Fetched> p = Promise.promise();
        Buffer body = Buffer.buffer();
        response.exceptionHandler(p::tryFail);
        String declared = response.getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BODY) {
            response.request().reset();
            return Future.failedFuture(tooLarge(declared + " octets declared"));
        }
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY) {
                if (p.tryFail(tooLarge("more than " + MAX_BODY + " octets sent"))) {
                    response.request().reset();
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(v -> p.tryComplete(new Fetched(response.statusCode(), response.getHeader("Location"), body)));
        return p.future();
    }

    private CaException tooLarge(String what) {
        return new CaException(ErrorKind.UNAUTHORIZED, "The response to " + records.get(records.size() - 1).url()
                + " is too large (" + what + "); a key authorization file is less than " + MAX_BODY + " octets");
    }

    private static CaException transportProblem(Throwable err, ChallengeUrl url, String where) {
        if (err instanceof CaException ce) {
            return ce;
        }
        String msg = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        if (err instanceof SSLException || err.getCause() instanceof SSLException) {
            return new CaException(ErrorKind.TLS, "Fetching " + url + ": TLS with " + where + " failed: " + msg);
        }
        if (msg.contains("Connection refused")) {
            msg = "connection refused";
        }
        return new CaException(ErrorKind.CONNECTION, "Fetching " + url + ": connecting to " + where + " failed: " + msg);
    }

    private ValidationRecord record(ChallengeUrl url, List<InetAddress> resolved, InetAddress used, String value) {
        return new ValidationRecord(file.method(), file.brSection(), url.host(), url.toString(),
                resolved.stream().map(InetAddress::getHostAddress).toList(), used.getHostAddress(), value,
                ctx.config().perspective(), ctx.clock().instant());
    }

    /** Puts what the server sent on the latest record. */
    private void seen(String body) {
        ValidationRecord r = records.remove(records.size() - 1);
        records.add(new ValidationRecord(r.method(), r.brSection(), r.hostname(), r.url(), r.addressesResolved(),
                r.addressUsed(), Excerpt.of(body), r.perspective(), r.checkedAt()));
    }

    static String stripTrailingWhitespace(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
