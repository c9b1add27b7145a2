package dev.inkan.app;

import dev.inkan.ca.Signer;
import dev.inkan.ca.issuance.CertificateAuthorityImpl;
import dev.inkan.ca.issuance.IssuanceFaults;
import dev.inkan.ca.issuance.IssuanceRecovery;
import dev.inkan.ca.issuance.IssuanceStep;
import dev.inkan.ca.issuance.IssuanceStores;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.port.IssuanceQueue;
import dev.inkan.ct.CtPolicy;
import dev.inkan.ct.CtSubmitter;
import dev.inkan.ct.LogList;
import dev.inkan.ct.LogListSource;
import dev.inkan.harness.ct.SignedLogListServer;
import dev.inkan.harness.ct.FakeCtLogs;
import dev.inkan.ra.RegistrationAuthorityImpl;
import dev.inkan.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuance pipeline's wiring: the CT log list (configured, or three fake logs in-process for the sandbox,
 * whose list is written to {@code $INKAN_HOME/ct/log-list.json}), the CT submitter, the stores the pipeline
 * writes, crash recovery at start-up and periodically, and the test-only halt hook.
 */
final class IssuanceServices {
    private static final Logger log = LoggerFactory.getLogger(IssuanceServices.class);
    /**
     * Crash tests only: the name of an {@link IssuanceStep} (e.g. {@code precertificate-signed}) at which the
     * process halts. Production configuration never sets it.
     */
    static final String HALT_AT = "INKAN_TEST_HALT_AT";
    private static final long RECOVERY_PERIOD_MS = 60_000;
    private static final Duration PERIODIC_FLOOR = Duration.ofMinutes(5);
    /** A PROCESSING order with no queued job this long after it was finalized was lost by its front end. */
    static final Duration ORPHAN_AFTER = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final FakeCtLogs sandboxLogs;
    private final SignedLogListServer sandboxList;
    private final LogListSource logList;
    private final CtSubmitter submitter;
    private long recoveryTimer = -1;

    private IssuanceServices(Vertx vertx, FakeCtLogs sandboxLogs, SignedLogListServer sandboxList,
            LogListSource logList, CtSubmitter submitter) {
        this.vertx = vertx;
        this.sandboxLogs = sandboxLogs;
        this.sandboxList = sandboxList;
        this.logList = logList;
        this.submitter = submitter;
    }

    static Future<IssuanceServices> start(Vertx vertx, Settings settings, Clock clock) {
        IssuanceSettings s = settings.issuance();
        if (!s.ctLogList().isEmpty()) {
            LogListSource source;
            try {
                source = new LogListSource(vertx, s.ctLogList(), s.ctLogListSignature(),
                        s.ctLogListKey().isEmpty() ? null : LogListSource.publicKeyFromPem(
                                java.nio.file.Files.readString(java.nio.file.Path.of(s.ctLogListKey()))), clock);
            } catch (java.io.IOException | RuntimeException e) {
                return Future.failedFuture(new IllegalArgumentException("issuance.ctLogListKey "
                        + s.ctLogListKey() + " cannot be read: " + e.getMessage(), e));
            }
            return source.load().map(list -> {
                if (settings.production()) {
                    refuseSandboxLogs(s.ctLogList(), list);
                }
                return withLogs(vertx, null, null, source, s, clock);
            });
        }
        if (settings.harness() == null || !s.ctSandboxLogs()) {
            return Future.failedFuture(new IllegalArgumentException("issuance.ctLogList must name a CT log list "
                    + "(Chrome v3 JSON, file or URL): every certificate is logged before it is issued"));
        }
        // The sandbox's logs come with a list served and signed as Google's is, so the signed-list path runs in
        // every sandbox; the list file is kept beside the key for the interop tests and for a look.
        return FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), clock).compose(logs -> {
            byte[] json = logs.logList().encodePrettily().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path file = settings.home().resolve("ct/log-list.json");
            return SignedLogListServer.start(vertx, () -> json)
                    .compose(served -> vertx.fileSystem().mkdirs(file.getParent().toString())
                            .compose(v -> vertx.fileSystem().writeFile(file.toString(), io.vertx.core.buffer.Buffer.buffer(json)))
                            .compose(v -> vertx.fileSystem().writeFile(file.resolveSibling("log-list-key.pem").toString(),
                                    io.vertx.core.buffer.Buffer.buffer(served.publicKeyPem())))
                            .compose(v -> {
                                LogListSource source = new LogListSource(vertx, served.listUrl(), served.signatureUrl(),
                                        LogListSource.publicKeyFromPem(served.publicKeyPem()), clock);
                                return source.load().map(list -> {
                                    log.info("sandbox CT logs: {} (signed log list {}, also in {})",
                                            logs.logs().stream().map(l -> l.url()).toList(), served.listUrl(), file);
                                    return withLogs(vertx, logs, served, source, s, clock);
                                });
                            })
                            .recover(e -> served.stop().transform(x -> Future.failedFuture(e))))
                    .recover(e -> logs.stop().transform(x -> Future.failedFuture(e)));
        });
    }

    /** Profile production: a list whose logs live on this machine is the sandbox's fake logs, whatever its file. */
    static void refuseSandboxLogs(String location, LogList list) {
        List<String> local = list.logs().stream().map(l -> l.submissionUrl())
                .filter(url -> {
                    String host = java.net.URI.create(url).getHost();
                    return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
                })
                .toList();
        if (!local.isEmpty() || list.logs().isEmpty()) {
            throw new IllegalArgumentException("issuance.ctLogList " + location + " is a sandbox log list (logs on"
                    + " this machine: " + local + "); profile production needs Chrome's log list");
        }
    }

    private static IssuanceServices withLogs(Vertx vertx, FakeCtLogs sandbox, SignedLogListServer sandboxList,
            LogListSource source, IssuanceSettings s, Clock clock) {
        // Issue 14 finding 9: read again on a schedule; a failed refresh keeps the last good list
        source.start(s.ctLogListRefresh());
        return new IssuanceServices(vertx, sandbox, sandboxList, source,
                new CtSubmitter(vertx, source::current, CtPolicy.browsers(), s.ct(), clock));
    }

    /** The log list in use, for the operator (refresh failures, when it was read). */
    LogListSource logList() {
        return logList;
    }

    /** CT submissions per log; readiness: the log list can satisfy the CT policy for a certificate made now. */
    void meter(PrometheusMetrics metrics) {
        submitter.meter(metrics);
        // a failed refresh keeps the last good log list (issue 14 finding 9); the operator sees it counted here
        metrics.gauge("inkan.ct.loglist.refresh.failures", "CT log list refreshes that failed since start; the last "
                + "good list stays in use", logList::refreshFailures);
    }

    boolean logListUsable(Instant now) {
        CtPolicy policy = CtPolicy.browsers();
        // a 90-day certificate, the longest the sandbox profiles make; longer ones need more logs, not other ones
        Instant notAfter = now.plus(Duration.ofDays(90));
        return policy.satisfiable(policy.candidates(submitter.logs(), notAfter), policy.required(now, notAfter));
    }

    static IssuanceStores stores(Storage storage) {
        return new IssuanceStores(storage.stores().certificates(), storage.precertificates(), storage.blockedKeys(),
                storage.stores().audit());
    }

    CertificateAuthorityImpl authority(Signer signer, Storage storage, List<CaCertificate> caCertificates,
            Settings settings, Clock clock) {
        return new CertificateAuthorityImpl(signer, stores(storage), submitter,
                CertificateProfile.defaults(settings.ceremony().cpOid()), caCertificates,
                settings.ceremony().urls().withCrlShards(settings.revocation().crl().shards()),
                clock,
                faults(System.getenv(), settings.production()));
    }

    /**
     * The crash-test hook exists only in the sandbox profile: a production CA that could be made to halt half-way
     * through issuance by an environment variable refuses to start instead.
     */
    static IssuanceFaults faults(Map<String, String> env, boolean production) {
        String at = env.get(HALT_AT);
        if (at == null || at.isBlank()) {
            return IssuanceFaults.NONE;
        }
        if (production) {
            throw new IllegalArgumentException(HALT_AT + " is a crash-test hook of the sandbox profile; profile "
                    + "production refuses to start with it set");
        }
        log.warn("{}={}: this process halts when issuance reaches that step", HALT_AT, at);
        return IssuanceFaults.haltAt(IssuanceStep.fromWire(at));
    }

    /**
     * At start-up, before any new issuance: closes the issuance a crash cut (no serial continues), then fails the
     * orders left PROCESSING, and from then on looks for stuck orders every minute. In a signer ({@code queue} set),
     * orders whose jobs are queued are not stuck, and an order without one was lost by a front end between marking
     * it PROCESSING and queueing it (milliseconds apart), so it is failed after {@link #ORPHAN_AFTER} instead.
     */
    Future<Integer> recover(Storage storage, RegistrationAuthorityImpl ra, Settings settings, Clock clock,
            Instant startedAt, IssuanceQueue queue) {
        return new IssuanceRecovery(stores(storage), clock).run(startedAt)
                .compose(closed -> {
                    if (!closed.isEmpty()) {
                        log.warn("{} serial(s) whose issuance was interrupted were closed: {}", closed.size(), closed);
                    }
                    if (queue != null) {
                        // a running issuance holds its job, so it is never taken for an orphan
                        recoveryTimer = vertx.setPeriodic(RECOVERY_PERIOD_MS, id -> ra
                                .recoverInterruptedOrders(ORPHAN_AFTER, queue)
                                .onFailure(e -> log.warn("periodic order recovery failed: {}", e.toString())));
                        return ra.recoverInterruptedOrders(settings.issuance().interruptedAfter(), queue);
                    }
                    // later, never below the longest issuance takes: a running one must not be failed
                    Duration later = settings.issuance().interruptedAfter().compareTo(PERIODIC_FLOOR) < 0
                            ? PERIODIC_FLOOR : settings.issuance().interruptedAfter();
                    recoveryTimer = vertx.setPeriodic(RECOVERY_PERIOD_MS, id -> ra.recoverInterruptedOrders(later)
                            .onFailure(e -> log.warn("periodic order recovery failed: {}", e.toString())));
                    return ra.recoverInterruptedOrders(settings.issuance().interruptedAfter());
                });
    }

    Future<Void> stop() {
        if (recoveryTimer >= 0) {
            vertx.cancelTimer(recoveryTimer);
        }
        logList.stop();
        return submitter.close()
                .transform(x -> sandboxList == null ? Future.<Void>succeededFuture() : sandboxList.stop())
                .transform(x -> sandboxLogs == null ? Future.succeededFuture() : sandboxLogs.stop());
    }
}
