package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * tls-alpn-01 (RFC 8737, BR 3.2.2.4.20): connect to the address our resolver gave on the TLS port, offer only the
 * ALPN protocol {@code acme-tls/1} with SNI set to the name, and accept the self-signed certificate only when it
 * holds exactly one subjectAltName, a dNSName equal to the name, and the critical id-pe-acmeIdentifier extension
 * with SHA-256 of the key authorization. Each attempt uses a fresh TLS context, so no session is ever resumed
 * (RFC 8737 §4). The socket work runs on the validation pool, never the shared workers, and a whole attempt has one
 * deadline: a socket timeout only bounds each read, so a peer trickling a byte now and then would hold the thread for
 * ever; at the deadline the socket is closed under the handshake instead.
 */
final class TlsAlpn01Check {
    static final String METHOD = Challenge.TLS_ALPN_01;
    static final String BR_SECTION = BrSection.of("3.2.2.4.20");
    static final String ACME_TLS_1 = "acme-tls/1";

    private final Vertx vertx;
    private final WorkerExecutor pool;
    private final HostAddresses addresses;
    private final ValidatorConfig config;
    private final Clock clock;

    TlsAlpn01Check(Vertx vertx, WorkerExecutor pool, HostAddresses addresses, ValidatorConfig config, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.addresses = addresses;
        this.config = config;
        this.clock = clock;
    }

    Future<ValidationOutcome> validate(String name, String keyAuthorization) {
        String where = name + ":" + config.tlsPort();
        return addresses.resolve(name).transform(ar -> {
            if (ar.failed()) {
                return Future.succeededFuture(new ValidationOutcome(false, CaException.problemOf(ar.cause()),
                        List.of(record(name, where, List.of(), null, null))));
            }
            List<InetAddress> all = ar.result().all();
            InetAddress use = ar.result().usable().get(0);
            return bounded(name, use).transform(hs -> {
                if (hs.failed()) {
                    return Future.succeededFuture(new ValidationOutcome(false, CaException.problemOf(hs.cause()),
                            List.of(record(name, where, all, use, null))));
                }
                Seen seen = hs.result();
                ValidationRecord rec = record(name, where, all, use, seen.describe());
                try {
                    AcmeIdentifierCertificate.check(seen, name, keyAuthorization, use.getHostAddress() + ":"
                            + config.tlsPort());
                } catch (CaException e) {
                    return Future.succeededFuture(new ValidationOutcome(false, e.problem(), List.of(rec)));
                }
                return Future.succeededFuture(new ValidationOutcome(true, null, List.of(rec)));
            });
        });
    }

    /** What the server answered: the protocol it chose and its certificate. */
    record Seen(String alpn, X509Certificate certificate) {
        String describe() {
            String d = "alpn=" + alpn + " " + AcmeIdentifierCertificate.describe(certificate);
            // Our own rendering, but a hostile certificate may carry thousands of names.
            return d.length() > 512 ? d.substring(0, 512) + "..." : d;
        }
    }

    /**
     * The handshake on the validation pool under one deadline ({@link ValidatorConfig#httpTimeout()}) from now, the
     * wait for a free thread included: at the deadline the socket is closed, which ends any blocking read at once.
     */
    private Future<Seen> bounded(String name, InetAddress use) {
        long timeoutMs = config.httpTimeout().toMillis();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        AtomicReference<Socket> open = new AtomicReference<>();
        AtomicBoolean expired = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMs, id -> {
            expired.set(true);
            closeQuietly(open.get());
        });
        return pool.executeBlocking(() -> {
            if (System.nanoTime() - deadline >= 0) {
                throw deadlinePassed(name, use, timeoutMs);
            }
            try {
                return handshake(name, use, open, expired);
            } catch (CaException e) {
                throw expired.get() ? deadlinePassed(name, use, timeoutMs) : e;
            }
        }, false).onComplete(ar -> vertx.cancelTimer(timer));
    }

    private CaException deadlinePassed(String name, InetAddress address, long timeoutMs) {
        return new CaException(ErrorKind.CONNECTION, "tls-alpn-01: " + address.getHostAddress() + ":"
                + config.tlsPort() + " did not complete the TLS handshake within " + timeoutMs + " ms (" + name + ")");
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we want; a failure to close leaves nothing to undo
            }
        }
    }

    /** Blocking: connect, hand-shake, close. Failures are CaExceptions of kind connection or tls. */
    private Seen handshake(String name, InetAddress address, AtomicReference<Socket> open, AtomicBoolean expired)
            throws Exception {
        String where = address.getHostAddress() + ":" + config.tlsPort();
        int timeoutMs = (int) config.httpTimeout().toMillis();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new AcceptAnyServer()}, null);
        try (Socket raw = new Socket()) {
            open.set(raw);
            if (expired.get()) {
                // the deadline passed between the check and the registration: the timer found no socket to close
                throw new SocketTimeoutException();
            }
            raw.connect(new InetSocketAddress(address, config.tlsPort()), timeoutMs);
            raw.setSoTimeout(timeoutMs);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, name, config.tlsPort(), false)) {
                SSLParameters p = s.getSSLParameters();
                p.setApplicationProtocols(new String[] {ACME_TLS_1});
                p.setServerNames(List.of(new SNIHostName(name)));
                // RFC 8737 §4: TLS 1.2 or later only.
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                s.setSSLParameters(p);
                s.startHandshake();
                Certificate[] chain = s.getSession().getPeerCertificates();
                return new Seen(s.getApplicationProtocol(), (X509Certificate) chain[0]);
            }
        } catch (SocketTimeoutException e) {
            throw new CaException(ErrorKind.CONNECTION, "tls-alpn-01: " + where + " did not answer within "
                    + timeoutMs + " ms (" + name + ")");
        } catch (ConnectException e) {
            throw new CaException(ErrorKind.CONNECTION, "tls-alpn-01: connecting to " + where + " for " + name
                    + " failed: connection refused");
        } catch (SSLException e) {
            throw new CaException(ErrorKind.TLS, "tls-alpn-01: the TLS handshake with " + where + " for " + name
                    + " failed (the server must accept ALPN \"" + ACME_TLS_1 + "\" and SNI " + name + "): "
                    + e.getMessage());
        } catch (IOException e) {
            throw new CaException(ErrorKind.CONNECTION, "tls-alpn-01: connecting to " + where + " for " + name
                    + " failed: " + e.getMessage());
        }
    }

    private ValidationRecord record(String name, String url, List<InetAddress> resolved, InetAddress used,
            String seen) {
        return new ValidationRecord(METHOD, BR_SECTION, name, url,
                resolved.stream().map(InetAddress::getHostAddress).toList(),
                used == null ? null : used.getHostAddress(), seen, config.perspective(), clock.instant());
    }
}
