package dev.inkan.ct;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.Metrics;
import dev.inkan.core.port.SctSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SctSource} over real logs: picks the logs the {@link CtPolicy} allows for the precertificate's
 * expiry, submits to as many as the policy needs at once, one per operator first, and to each spare a stagger later
 * (each retried with its timeout), verifies each SCT against its log's key, and completes as soon as the verified SCTs meet the policy. When every
 * log has answered or given up without that, it fails with a CaException naming each log's failure.
 */
public final class CtSubmitter implements SctSource {
    private static final Logger log = LoggerFactory.getLogger(CtSubmitter.class);
    private static final org.bouncycastle.asn1.ASN1ObjectIdentifier SCT_LIST =
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    static final int VERIFIERS = 4;

    private final Vertx vertx;
    /** The list in use now: a refresh ({@link LogListSource}) replaces it between two issuances. */
    private final Supplier<LogList> logs;
    private final CtPolicy policy;
    private final CtLogClient client;
    private final SctVerifier verifier;
    /** Verifies SCT signatures off the event loops; as many threads as cores, at most {@link #VERIFIERS}. */
    private final WorkerExecutor verification;
    private final CtSubmitterConfig config;
    private volatile Metrics metrics = Metrics.NONE;

    public CtSubmitter(Vertx vertx, LogList logs, CtPolicy policy, CtSubmitterConfig config, Clock clock) {
        this(vertx, () -> logs, policy, config, clock);
    }

    public CtSubmitter(Vertx vertx, Supplier<LogList> logs, CtPolicy policy, CtSubmitterConfig config, Clock clock) {
        this.vertx = vertx;
        this.logs = logs;
        this.policy = policy;
        this.config = config;
        this.client = new CtLogClient(vertx, config);
        this.verifier = new SctVerifier(clock);
        this.verification = vertx.createSharedWorkerExecutor("inkan-sct-verification",
                Math.min(VERIFIERS, Runtime.getRuntime().availableProcessors()));
    }

    /** Reports each log's answer (SCT, rejected SCT or error) and how long it took. */
    public CtSubmitter meter(Metrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /** The logs this submitter knows, for readiness: an empty list can log nothing. */
    public LogList logs() {
        return logs.get();
    }

    @Override
    public Future<List<byte[]>> scts(byte[] precertificateDer, byte[] issuerDer) {
        Certificate precert;
        LogEntry entry;
        try {
            precert = Certificate.getInstance(precertificateDer);
            entry = LogEntry.precertificate(precertificateDer, issuerDer);
        } catch (RuntimeException e) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                    "the precertificate cannot be submitted to CT: " + e.getMessage()));
        }
        Instant notBefore = precert.getStartDate().getDate().toInstant();
        Instant notAfter = precert.getEndDate().getDate().toInstant();
        int required = policy.required(notBefore, notAfter);
        List<CtLog> candidates = policy.candidates(logs.get(), notAfter);
        if (!policy.satisfiable(candidates, required)) {
            return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL, "CT: no set of usable logs for a "
                    + "certificate expiring " + notAfter + " can give " + required + " SCTs from 2 operators; "
                    + candidates.size() + " log(s) usable"));
        }
        return new Round(operatorsFirst(candidates), List.of(precertificateDer, issuerDer), entry, required).run();
    }

    /**
     * The logs in the order they are asked: one log of each operator, then a second of each, and so on, each operator's
     * logs in list order. The first few asked together then meet the policy's two-operator rule when they answer,
     * instead of the spares of one operator being asked before any log of the other.
     */
    static List<CtLog> operatorsFirst(List<CtLog> logs) {
        Map<String, List<CtLog>> byOperator = new LinkedHashMap<>();
        logs.forEach(l -> byOperator.computeIfAbsent(l.operator(), o -> new ArrayList<>()).add(l));
        List<CtLog> ordered = new ArrayList<>(logs.size());
        for (int rank = 0; ordered.size() < logs.size(); rank++) {
            for (List<CtLog> ofOperator : byOperator.values()) {
                if (rank < ofOperator.size()) {
                    ordered.add(ofOperator.get(rank));
                }
            }
        }
        return ordered;
    }

    /** A log's SCT and what is wrong with it, if anything. */
    private record Checked(SignedCertificateTimestamp sct, Optional<String> problem) {}

    /** One precertificate's submissions. Its state is touched on one context only. */
    private final class Round {
        private final Context context = vertx.getOrCreateContext();
        private final List<CtLog> candidates;
        private final List<byte[]> chain;
        private final LogEntry entry;
        private final int required;
        private final Promise<List<byte[]>> result = Promise.promise();
        private final List<CtPolicy.ReceivedSct> received = new ArrayList<>();
        private final Map<String, String> failures = new LinkedHashMap<>();
        private int finished;

        Round(List<CtLog> candidates, List<byte[]> chain, LogEntry entry, int required) {
            this.candidates = candidates;
            this.chain = chain;
            this.entry = entry;
            this.required = required;
        }

        Future<List<byte[]>> run() {
            for (int i = 0; i < candidates.size(); i++) {
                CtLog l = candidates.get(i);
                // the first `required` logs, of distinct operators as far as there are, are asked at once (Boulder's
                // ctpolicy asks one log per operator group in parallel); only the spares wait, a stagger apart
                long delay = i < required ? 0 : config.stagger().toMillis() * (i - required + 1);
                if (delay == 0) {
                    context.runOnContext(v -> submit(l));
                } else {
                    vertx.setTimer(delay, id -> context.runOnContext(v -> submit(l)));
                }
            }
            return result.future();
        }

        private void submit(CtLog l) {
            if (result.future().isComplete()) {
                finished++;
                return;
            }
            long started = System.nanoTime();
            // the SCT's signature is checked on the verification workers: an ECDSA verification is CPU, which the
            // event loop answering requests must not spend
            client.addPreChain(l, chain)
                    .compose(sct -> verification.executeBlocking(() -> new Checked(sct, verifier.problem(sct, l, entry)),
                            false))
                    .onComplete(ar -> context.runOnContext(v -> answered(l, ar.result(),
                            ar.failed() ? ar.cause().getMessage() : null, started)));
        }

        private void answered(CtLog l, Checked checked, String error, long started) {
            finished++;
            String outcome = "error";
            if (error == null) {
                if (checked.problem().isPresent()) {
                    error = checked.problem().get();
                    outcome = "rejected";
                } else {
                    received.add(new CtPolicy.ReceivedSct(l, checked.sct()));
                    outcome = "sct";
                }
            }
            metrics.ctSubmission(l.name(), outcome, java.time.Duration.ofNanos(System.nanoTime() - started));
            if (error != null) {
                log.warn("CT log {} gave no SCT: {}", l.name(), error);
                failures.put(l.name(), error);
            }
            if (result.future().isComplete()) {
                return;
            }
            Optional<List<CtPolicy.ReceivedSct>> chosen = policy.select(received, required);
            if (chosen.isPresent()) {
                result.complete(chosen.get().stream().map(r -> r.sct().serialize()).toList());
            } else if (finished == candidates.size()) {
                result.fail(new CaException(ErrorKind.SERVER_INTERNAL, "CT: the precertificate got " + received.size()
                        + " verified SCT(s) where " + required + " from 2 operators are needed; " + failures()));
            }
        }

        private String failures() {
            List<String> parts = new ArrayList<>();
            failures.forEach((name, why) -> parts.add(name + ": " + why));
            return String.join("; ", parts);
        }
    }

    /**
     * RFC 6962 §4.1 add-chain to every log whose SCT the certificate embeds, one try each. Monitors then see the
     * final certificate too; a failure is logged and otherwise ignored.
     */
    @Override
    public Future<Void> submitFinal(byte[] certificateDer, byte[] issuerDer) {
        List<Future<?>> sent = new ArrayList<>();
        try {
            for (byte[] logId : embeddedLogIds(certificateDer)) {
                logs.get().byId(logId).ifPresent(l -> sent.add(client.addChain(l, List.of(certificateDer, issuerDer), 1)
                        .onFailure(e -> log.info("final certificate not accepted by CT log {}: {}", l.name(),
                                e.getMessage()))));
            }
        } catch (RuntimeException e) {
            log.warn("final certificate not submitted to CT: {}", e.toString());
        }
        return Future.join(sent).transform(ar -> Future.succeededFuture());
    }

    /** The log IDs of the SCTs in a certificate's SCT list extension (RFC 6962 §3.3). */
    static List<byte[]> embeddedLogIds(byte[] certificateDer) {
        Extension ext = Certificate.getInstance(certificateDer).getTBSCertificate().getExtensions()
                .getExtension(SCT_LIST);
        if (ext == null) {
            return List.of();
        }
        byte[] tls = ASN1OctetString.getInstance(ext.getParsedValue()).getOctets();
        List<byte[]> ids = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tls))) {
            int total = in.readUnsignedShort();
            int read = 0;
            while (read < total) {
                int length = in.readUnsignedShort();
                byte[] sct = in.readNBytes(length);
                ids.add(Arrays.copyOfRange(sct, 1, 33));
                read += 2 + length;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed SCT list", e);
        }
        return ids;
    }

    public Future<Void> close() {
        return client.close();
    }
}
