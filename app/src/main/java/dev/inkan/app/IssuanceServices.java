package dev.inkan.app;

import dev.inkan.ca.Signer;
import dev.inkan.ca.issuance.CertificateAuthorityImpl;
import dev.inkan.ca.issuance.IssuanceFaults;
import dev.inkan.ca.issuance.IssuanceRecovery;
import dev.inkan.ca.issuance.IssuanceStep;
import dev.inkan.ca.issuance.IssuanceStores;
import dev.inkan.ca.profile.CertificateProfile;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.ct.CtPolicy;
import dev.inkan.ct.CtSubmitter;
import dev.inkan.ct.LogList;
import dev.inkan.ct.LogListLoader;
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

    private final Vertx vertx;
    private final FakeCtLogs sandboxLogs;
    private final CtSubmitter submitter;
    private long recoveryTimer = -1;

    private IssuanceServices(Vertx vertx, FakeCtLogs sandboxLogs, CtSubmitter submitter) {
        this.vertx = vertx;
        this.sandboxLogs = sandboxLogs;
        this.submitter = submitter;
    }

    static Future<IssuanceServices> start(Vertx vertx, Settings settings, Clock clock) {
        IssuanceSettings s = settings.issuance();
        if (!s.ctLogList().isEmpty()) {
            return LogListLoader.load(vertx, s.ctLogList()).map(list -> {
                if (settings.production()) {
                    refuseSandboxLogs(s.ctLogList(), list);
                }
                return withLogs(vertx, null, list, s, clock);
            });
        }
        if (settings.harness() == null || !s.ctSandboxLogs()) {
            return Future.failedFuture(new IllegalArgumentException("issuance.ctLogList must name a CT log list "
                    + "(Chrome v3 JSON, file or URL): every certificate is logged before it is issued"));
        }
        return FakeCtLogs.start(vertx, FakeCtLogs.sandbox(), clock).compose(logs -> {
            Path file = settings.home().resolve("ct/log-list.json");
            return vertx.fileSystem().mkdirs(file.getParent().toString())
                    .compose(v -> vertx.fileSystem().writeFile(file.toString(),
                            io.vertx.core.buffer.Buffer.buffer(logs.logList().encodePrettily())))
                    .map(v -> {
                        log.info("sandbox CT logs: {} (log list {})",
                                logs.logs().stream().map(l -> l.url()).toList(), file);
                        return withLogs(vertx, logs, LogList.parse(logs.logList()), s, clock);
                    })
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

    private static IssuanceServices withLogs(Vertx vertx, FakeCtLogs sandbox, LogList list, IssuanceSettings s,
            Clock clock) {
        return new IssuanceServices(vertx, sandbox, new CtSubmitter(vertx, list, CtPolicy.browsers(), s.ct(), clock));
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
     * orders left PROCESSING, and from then on looks for stuck orders every minute.
     */
    Future<Integer> recover(Storage storage, RegistrationAuthorityImpl ra, Settings settings, Clock clock,
            Instant startedAt) {
        return new IssuanceRecovery(stores(storage), clock).run(startedAt)
                .compose(closed -> {
                    if (!closed.isEmpty()) {
                        log.warn("{} serial(s) whose issuance was interrupted were closed: {}", closed.size(), closed);
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
        return submitter.close().transform(x -> sandboxLogs == null ? Future.succeededFuture() : sandboxLogs.stop());
    }
}
