package dev.inkan.bench;

import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * One level: {@code clients} accounts created first, then a warm-up phase and a timed phase of orders shared
 * among the clients. A watchdog ends a phase that makes no progress for the stall time (a server deadlock) or
 * that runs past the level's time limit; the level then reports what it has instead of hanging.
 */
final class LevelRun {
    private static final int MAX_ERRORS_KEPT = 5;
    /** Certificates kept for the status phase: enough that answers are not all for the same few serials. */
    private static final int CHAINS_KEPT = 5_000;

    private final Target.Running server;
    private final BenchOptions options;
    private final int clients;
    private final Http01Server http01;
    private final ExecutorService pool;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong lastProgress = new AtomicLong();
    private final Set<String> errors = ConcurrentHashMap.newKeySet();
    private final List<List<X509Certificate>> chains = new CopyOnWriteArrayList<>();
    private volatile String stall = "";

    private final int prefill;
    /** What the report should say besides the table (the store's content after each level). */
    static final List<String> notes = new CopyOnWriteArrayList<>();

    private LevelRun(Target.Running server, BenchOptions options, int clients, Http01Server http01, int prefill) {
        this.server = server;
        this.prefill = prefill;
        this.options = options;
        this.clients = clients;
        this.http01 = http01;
        this.pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "acme-client");
            t.setDaemon(true); // a client stuck in a deadlocked server must not keep the bench alive
            return t;
        });
    }

    static LevelResult run(String target, Target.Running server, BenchOptions options, int clients) throws Exception {
        return run(target, server, options, clients, 0);
    }

    /** As above, with the store pre-filled after the warm-up with {@code prefill} copies of a warm-up issuance. */
    static LevelResult run(String target, Target.Running server, BenchOptions options, int clients, int prefill)
            throws Exception {
        try (Http01Server http01 = new Http01Server(server.http01Port())) {
            LevelRun run = new LevelRun(server, options, clients, http01, prefill);
            try {
                return run.measure(target);
            } finally {
                run.pool.shutdownNow();
            }
        }
    }

    private LevelResult measure(String target) throws Exception {
        List<IssuanceFlow> flows = createAccounts();
        long limit = TimeUnit.SECONDS.toNanos(options.maxSeconds());
        Phase warmup = phase(flows, options.warmup(), null, System.nanoTime() + limit);
        if (!stall.isEmpty()) {
            return result(target, warmup, new ConcurrentHistogram(3), 0, 0, -1, -1, -1);
        }
        errors.clear();
        if (prefill > 0) {
            if (chains.isEmpty()) {
                throw new IllegalStateException("no warm-up certificate to pre-fill the store with");
            }
            long start = System.nanoTime();
            server.prefill(prefill, chains.get(0).get(0).getSerialNumber().toString(16));
            System.err.printf("[bench] pre-filled %,d certificates in %.0f s%n", prefill,
                    (System.nanoTime() - start) / 1e9);
        }
        ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
        List<Long> self = List.of(ProcessHandle.current().pid());
        long serverCpu = ProcCpu.millis(server.pids());
        long compilerCpu = ProcCpu.compilerMillis(server.pids());
        long clientCpu = ProcCpu.millis(self);
        long hsmCpu = server.hsmCpuMillis();
        long hsmSigs = server.hsmSignatures();
        java.util.Map<String, Long> storeCalls = server.storeCalls();
        Phase timed = phase(flows, options.orders(), latencies, System.nanoTime() + limit);
        long serverCpuUsed = ProcCpu.millis(server.pids()) - serverCpu;
        long compilerCpuUsed = ProcCpu.compilerMillis(server.pids()) - compilerCpu;
        long clientCpuUsed = ProcCpu.millis(self) - clientCpu;
        long hsmCpuUsed = hsmCpu < 0 ? -1 : server.hsmCpuMillis() - hsmCpu;
        long hsmSigsUsed = hsmSigs < 0 ? -1 : server.hsmSignatures() - hsmSigs;
        if (compilerCpuUsed > 0 && timed.issued > 0) {
            // a JVM still compiling its hot code spends a large share on it; a CA that has run a while does not
            String jit = String.format("%.1f of the server's %.1f ms CPU per certificate in JIT compiler threads",
                    (double) compilerCpuUsed / timed.issued, (double) serverCpuUsed / timed.issued);
            System.err.println("[bench] " + jit);
            notes.add(target + " at " + clients + " clients: " + jit);
        }
        String calls = StoreCallsNote.perCertificate(storeCalls, server.storeCalls(), timed.issued);
        if (!calls.isEmpty()) {
            System.err.println("[bench] store calls: " + calls);
            notes.add(target + " at " + clients + " clients, store calls: " + calls);
        }
        long store = server.storeBytes();
        // every certificate in the store: the level's, warm-up included, and the pre-filled ones
        int certificates = warmup.issued + timed.issued + prefill;
        String footprint = server.storeFootprint(certificates);
        if (!footprint.isEmpty()) {
            System.err.println("[bench] store: " + footprint);
            notes.add(target + " at " + clients + " clients, store: " + footprint);
        }
        double storeKb = store < 0 || certificates == 0 ? -1 : store / 1024.0 / certificates;
        LevelResult issuance = result(target, timed, latencies, serverCpuUsed, clientCpuUsed, hsmCpuUsed,
                hsmSigsUsed, storeKb);
        if (!stall.isEmpty()) {
            return issuance;
        }
        Optional<OcspLoad.Rates> status = OcspLoad.measure(chains, clients, options.ocspSeconds(), server.pids());
        status.filter(r -> r.errors() > 0).ifPresent(r -> errors.add(r.errors() + " OCSP errors, first: " + r.firstError()));
        return issuance.withStatus(status.map(OcspLoad.Rates::getPerSecond).orElse(-1.0),
                status.map(OcspLoad.Rates::postPerSecond).orElse(-1.0),
                errors.stream().sorted().limit(MAX_ERRORS_KEPT).toList());
    }

    private LevelResult result(String target, Phase phase, Histogram latencies, long serverCpu, long clientCpu,
            long hsmCpu, long hsmSigs, double storeKb) {
        boolean any = latencies.getTotalCount() > 0;
        return new LevelResult(target, clients, phase.issued, phase.failed, phase.abandoned, phase.seconds,
                any ? latencies.getValueAtPercentile(50) / 1e3 : 0, any ? latencies.getValueAtPercentile(99) / 1e3 : 0,
                any ? latencies.getMaxValue() / 1e3 : 0, serverCpu, clientCpu, hsmCpu, hsmSigs, storeKb, stall,
                errors.stream().sorted().limit(MAX_ERRORS_KEPT).toList());
    }

    /**
     * One client's account, tried again after a network error as ACME clients do: a CA just started on a loaded
     * machine may drop the first connections. The same key finds the same account if an answer was lost.
     */
    private Account newAccount(Session session) throws Exception {
        java.security.KeyPair key = options.newAccountKey();
        for (int attempt = 1; ; attempt++) {
            try {
                return new AccountBuilder().agreeToTermsOfService().useKeyPair(key).create(session);
            } catch (org.shredzone.acme4j.exception.AcmeNetworkException e) {
                if (attempt == 3) {
                    throw new java.io.IOException("account not created after 3 attempts: " + e.getCause(), e);
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** Accounts exist before anything is timed; each client has its own session and key. */
    private List<IssuanceFlow> createAccounts() throws Exception {
        SSLContext tls = Tls.trusting(server.trustRoot());
        List<Future<IssuanceFlow>> made = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            made.add(pool.submit(() -> {
                Session session = new Session(server.directory(), new GenericAcmeProvider() {
                    @Override
                    public HttpClient createHttpClient(NetworkSettings settings) {
                        return HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.getTimeout()).build();
                    }
                });
                // a request to a deadlocked server gives up within the stall time instead of hanging
                session.networkSettings().setTimeout(Duration.ofSeconds(options.stallSeconds()));
                Account account = newAccount(session);
                return new IssuanceFlow(account, http01, Duration.ofMillis(options.pollMillis()),
                        Duration.ofSeconds(options.maxSeconds()), chain -> {
                            if (chains.size() < CHAINS_KEPT) {
                                chains.add(chain);
                            }
                        });
            }));
        }
        List<IssuanceFlow> flows = new ArrayList<>();
        for (Future<IssuanceFlow> f : made) {
            flows.add(f.get(options.maxSeconds(), TimeUnit.SECONDS));
        }
        return flows;
    }

    private static final class Phase {
        final AtomicInteger tickets = new AtomicInteger();
        volatile int issued;
        volatile int failed;
        volatile int abandoned;
        volatile double seconds;
    }

    /** {@code count} orders shared by all clients; returns when they are done, or the phase stalled or timed out. */
    private Phase phase(List<IssuanceFlow> flows, int count, Histogram latencies, long deadline) throws Exception {
        Phase phase = new Phase();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        long start = System.nanoTime();
        lastProgress.set(start);
        List<Future<?>> running = new ArrayList<>();
        for (IssuanceFlow flow : flows) {
            running.add(pool.submit(() -> {
                while (!stop.get() && phase.tickets.getAndIncrement() < count) {
                    try {
                        long nanos = flow.issueOnce();
                        if (latencies != null) {
                            latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos),
                                    latencies.getHighestTrackableValue()));
                        }
                        issued.incrementAndGet();
                    } catch (InterruptedException e) {
                        abandoned.incrementAndGet();
                        return;
                    } catch (Exception e) {
                        if (stop.get()) {
                            abandoned.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (errors.size() < 50) {
                                errors.add(String.valueOf(e.getMessage()));
                            }
                        }
                    }
                    lastProgress.set(System.nanoTime());
                }
            }));
        }
        watch(running, deadline);
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.issued = issued.get();
        phase.failed = failed.get();
        phase.abandoned = abandoned.get();
        return phase;
    }

    private void watch(List<Future<?>> running, long deadline) throws InterruptedException {
        long stallNanos = TimeUnit.SECONDS.toNanos(options.stallSeconds());
        while (!running.stream().allMatch(Future::isDone)) {
            long now = System.nanoTime();
            if (!stop.get() && now - lastProgress.get() > stallNanos) {
                stall = "stalled: no order finished for " + options.stallSeconds() + " s with " + clients
                        + " clients in flight";
                stop.set(true);
                System.err.println("[bench] " + stall);
                awaitOrAbandon(running);
                return;
            }
            if (!stop.get() && now > deadline) {
                stop.set(true);
                System.err.println("[bench] time limit of the level reached; finishing the orders in flight");
                awaitOrAbandon(running);
                stop.set(false);
                return;
            }
            Thread.sleep(100);
        }
    }

    // requests time out after the stall time, so clients come back by then; any that do not are left behind
    private void awaitOrAbandon(List<Future<?>> running) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.stallSeconds() + 10L);
        while (System.nanoTime() < until && !running.stream().allMatch(Future::isDone)) {
            Thread.sleep(100);
        }
        running.forEach(f -> f.cancel(true));
    }
}
