package dev.inkan.ct;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CT log list the submitter uses, read at start and again on a schedule (logs are added, retired and change
 * state; Chrome's list changes every few days). When the list is published with a signature (Google's and Apple's:
 * {@code log_list.json} with {@code log_list.sig} beside it, RSASSA-PKCS1-v1_5 SHA-256 over the JSON's exact bytes)
 * and its key is configured, the signature must verify. The first load must succeed; a later refresh that fails
 * (unreachable, bad signature, malformed) keeps the last good list, is logged and counted, and is tried again on
 * the next pass. A log in an unknown state is skipped, not the list ({@link LogList#parse}).
 */
public final class LogListSource {
    private static final Logger LOG = LoggerFactory.getLogger(LogListSource.class);

    private final Vertx vertx;
    private final String location;
    private final String signatureLocation;
    private final PublicKey listKey;
    private final Clock clock;
    private final AtomicReference<LogList> current = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile Instant loadedAt;
    private long timer = -1;

    /**
     * @param signatureLocation where the signature is; null for the location with {@code .json} replaced by
     *                          {@code .sig}
     * @param listKey           the key the list is signed with; null when the list comes unsigned (a file the
     *                          operator keeps)
     */
    public LogListSource(Vertx vertx, String location, String signatureLocation, PublicKey listKey, Clock clock) {
        this.vertx = vertx;
        this.location = location;
        this.signatureLocation = signatureLocation != null && !signatureLocation.isBlank() ? signatureLocation
                : location.endsWith(".json") ? location.substring(0, location.length() - 5) + ".sig"
                : location + ".sig";
        this.listKey = listKey;
        this.clock = clock;
    }

    /** The list-signing key from a PEM "PUBLIC KEY" (Google's log_list_pubkey.pem). */
    public static PublicKey publicKeyFromPem(String pem) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            try {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            } catch (GeneralSecurityException e2) {
                throw new IllegalArgumentException("the CT log list key is neither an RSA nor an EC public key", e2);
            }
        }
    }

    /** The first load: the CA does not start without a good list. */
    public Future<LogList> load() {
        return fetch().map(list -> {
            current.set(list);
            loadedAt = clock.instant();
            LOG.info("CT log list {}: {} logs{}", location, list.logs().size(), listKey == null ? "" : ", signature verified");
            return list;
        });
    }

    /** Reads the list again; on any failure the last good list stays, and the failure is logged and counted. */
    public Future<LogList> refresh() {
        return fetch().map(list -> {
            current.set(list);
            loadedAt = clock.instant();
            LOG.info("CT log list {} refreshed: {} logs", location, list.logs().size());
            return list;
        }).recover(e -> {
            long n = failures.incrementAndGet();
            LOG.error("CT log list {} could not be refreshed ({} failure(s) so far); keeping the list of {}: {}",
                    location, n, loadedAt, e.getMessage());
            return Future.succeededFuture(current.get());
        });
    }

    /** Refreshes every {@code every} from now on. */
    public void start(Duration every) {
        timer = vertx.setPeriodic(every.toMillis(), id -> refresh());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    public LogList current() {
        return current.get();
    }

    /** Refreshes that failed since start: a metric for the operator. */
    public long refreshFailures() {
        return failures.get();
    }

    /** When the list in use was read. */
    public Instant loadedAt() {
        return loadedAt;
    }

    private Future<LogList> fetch() {
        Future<Buffer> json = read(location);
        Future<Buffer> sig = listKey == null ? Future.succeededFuture() : read(signatureLocation);
        return Future.all(json, sig).map(v -> {
            byte[] bytes = json.result().getBytes();
            if (listKey != null) {
                verify(bytes, sig.result().getBytes());
            }
            try {
                return LogList.parse(new JsonObject(json.result()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("CT log list " + location + ": " + e.getMessage(), e);
            }
        });
    }

    private void verify(byte[] json, byte[] signature) {
        try {
            Signature s = Signature.getInstance(listKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
            s.initVerify(listKey);
            s.update(json);
            if (!s.verify(signature)) {
                throw new IllegalArgumentException("the signature " + signatureLocation + " of CT log list " + location
                        + " does not verify with the configured list key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signature of CT log list " + location + " cannot be checked: "
                    + e.getMessage(), e);
        }
    }

    private Future<Buffer> read(String where) {
        if (where.startsWith("http://") || where.startsWith("https://")) {
            WebClient client = WebClient.create(vertx);
            return client.getAbs(where).timeout(30_000).send()
                    .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(r.body())
                            : Future.<Buffer>failedFuture(new IllegalArgumentException(where + " answered HTTP "
                                    + r.statusCode())))
                    .eventually(() -> {
                        client.close();
                        return Future.succeededFuture();
                    });
        }
        return vertx.fileSystem().readFile(where);
    }
}
