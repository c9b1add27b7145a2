package dev.inkan.ca.crl;

import dev.inkan.ca.CaUrls;
import dev.inkan.ca.Signer;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.RevokedSerials;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a current CRL for every issuing CA (CP 002 §2.3, §4.9.7, table 7.2.1): one at start, a new one whenever the
 * last is {@link CrlSchedule#interval()} old whether or not anything changed, and one at once after a revocation.
 * Revocations made in this process call {@link #publishNow}; those made by another process (the staff command
 * against a shared database) are noticed through the per-issuer revocation count, checked every
 * {@link CrlSchedule#pollEvery()}. Requests that arrive while a CRL is being made are coalesced into one more CRL,
 * so a mass revocation does not sign thousands of them. The latest CRLs are held in memory and served from there.
 */
public final class CrlPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CrlPublisher.class);

    private final Vertx vertx;
    private final CrlMaker maker;
    private final CrlCounters counters;
    private final RevokedSerials revoked;
    private final CaUrls urls;
    private final CrlSchedule schedule;
    private final Clock clock;
    private final Map<String, Issuer> issuers = new LinkedHashMap<>();
    private final Map<String, SignedCrl> current = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, List<RevokedEntry>>> listeners = new CopyOnWriteArrayList<>();
    private long timer = -1;

    /** One issuing CA's publication state; {@code tail} and {@code queued} are guarded by the publisher. */
    private static final class Issuer {
        final CrlIssuer ca;
        volatile Instant lastThisUpdate;
        volatile long revocationsSeen = -1;
        Future<List<SignedCrl>> tail = Future.succeededFuture(List.of());
        Future<List<SignedCrl>> queued;

        Issuer(CrlIssuer ca) {
            this.ca = ca;
        }
    }

    /** The roots among the issuers: their CRL is never sharded (the issuing CA certificates name the full one). */
    private final java.util.Set<String> roots = new java.util.HashSet<>();

    /**
     * @param caCertificates the ceremony's certificates; a CRL is kept for each one whose role is {@code issuing} or
     *                       {@code root}
     */
    public CrlPublisher(Vertx vertx, Signer signer, Collection<CaCertificate> caCertificates, CrlCounters counters,
            RevokedSerials revoked, CaUrls urls, CrlSchedule schedule, Clock clock) {
        this.vertx = vertx;
        this.maker = new CrlMaker(vertx, signer);
        this.counters = counters;
        this.revoked = revoked;
        this.urls = urls;
        this.schedule = schedule;
        this.clock = clock;
        for (CaCertificate c : caCertificates) {
            // BR 4.9.7: the root's CRL (revoked CA certificates) is published too, at the URL the issuing CA
            // certificates name; on this schedule it is renewed far more often than the 12 months the BR allow
            if (c.role().equals("issuing") || c.role().equals("root")) {
                issuers.put(c.id(), new Issuer(CrlIssuer.of(c)));
                if (c.role().equals("root")) {
                    roots.add(c.id());
                }
            }
        }
    }

    /** Publishes every CA's CRL now, then checks every {@link CrlSchedule#pollEvery()} what is due. */
    public Future<Void> start() {
        List<Future<List<SignedCrl>>> all = issuers.keySet().stream().map(this::publishNow).toList();
        return Future.all(all).map(done -> {
            timer = vertx.setPeriodic(schedule.pollEvery().toMillis(), id -> tick()
                    .onFailure(e -> LOG.error("CRL publication check failed", e)));
            return null;
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Called with (issuerId, entries) after each new CRL of that issuer, e.g. to bring OCSP answers in line. */
    public void onPublished(BiConsumer<String, List<RevokedEntry>> listener) {
        listeners.add(listener);
    }

    /** The current full CRL of a CA (one CRL per CA). */
    public Optional<SignedCrl> current(String caId) {
        return Optional.ofNullable(current.get(key(caId, SignedCrl.FULL)));
    }

    /** The current CRL of one shard of a CA (CRLs partitioned by serial). */
    public Optional<SignedCrl> current(String caId, int shard) {
        return Optional.ofNullable(current.get(key(caId, shard)));
    }

    public CrlSchedule schedule() {
        return schedule;
    }

    /**
     * A new CRL of this CA soon: CP 002 §2.3 "immediately" after a revocation. If one is being made, one more
     * follows it, shared by every request that arrives meanwhile. Completes with the CRLs published.
     */
    public Future<List<SignedCrl>> publishNow(String issuerId) {
        Issuer issuer = issuers.get(issuerId);
        if (issuer == null) {
            return Future.failedFuture(new IllegalArgumentException("no issuing CA '" + issuerId + "'"));
        }
        synchronized (this) {
            if (issuer.queued != null) {
                return issuer.queued;
            }
            Promise<List<SignedCrl>> promise = Promise.promise();
            Future<List<SignedCrl>> next = promise.future();
            issuer.queued = next;
            issuer.tail.onComplete(previous -> {
                synchronized (this) {
                    if (issuer.queued == next) {
                        issuer.queued = null;
                    }
                }
                generate(issuer).onComplete(promise);
            });
            issuer.tail = next;
            return next;
        }
    }

    /**
     * One check of the schedule at the clock's time: a CA gets a new CRL when its last is an interval old, or when
     * its revocation count grew (a revocation this process did not make). Completes with the CRLs published.
     */
    public Future<List<SignedCrl>> tick() {
        Instant now = clock.instant();
        List<Future<List<SignedCrl>>> due = new ArrayList<>();
        for (Issuer issuer : issuers.values()) {
            due.add(counters.revocations(issuer.ca.caId()).compose(count -> {
                Instant last = issuer.lastThisUpdate;
                boolean scheduled = last == null || !now.isBefore(last.plus(schedule.interval()));
                boolean revokedElsewhere = count > issuer.revocationsSeen;
                return scheduled || revokedElsewhere
                        ? publishNow(issuer.ca.caId())
                        : Future.succeededFuture(List.<SignedCrl>of());
            }));
        }
        return Future.all(due).map(done -> due.stream().flatMap(f -> f.result().stream()).toList());
    }

    private Future<List<SignedCrl>> generate(Issuer issuer) {
        String caId = issuer.ca.caId();
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(schedule.validity());
        // The count is read before the entries: a revocation that lands in between triggers one more CRL.
        return counters.revocations(caId).compose(count -> revoked
                .revokedExpiringAfter(caId, thisUpdate.minus(schedule.expiredGrace()))
                .compose(entries -> signShards(issuer, entries, thisUpdate, nextUpdate).map(crls -> {
                    crls.forEach(c -> current.put(key(caId, c.shard()), c));
                    issuer.lastThisUpdate = thisUpdate;
                    issuer.revocationsSeen = Math.max(issuer.revocationsSeen, count);
                    LOG.info("published CRL of {}: {} entries, number {}, next update {}", caId, entries.size(),
                            crls.get(0).number(), nextUpdate);
                    listeners.forEach(l -> notify(l, caId, entries));
                    return crls;
                })))
                .onFailure(e -> LOG.error("could not publish the CRL of {}", caId, e));
    }

    private Future<List<SignedCrl>> signShards(Issuer issuer, List<RevokedEntry> entries, Instant thisUpdate,
            Instant nextUpdate) {
        String caId = issuer.ca.caId();
        if (schedule.shards() == 1 || roots.contains(caId)) {
            return counters.nextCrlNumber(caId).compose(n -> maker.make(issuer.ca, SignedCrl.FULL, null, n,
                    thisUpdate, nextUpdate, entries)).map(List::of);
        }
        List<List<RevokedEntry>> byShard = new ArrayList<>();
        for (int i = 0; i < schedule.shards(); i++) {
            byShard.add(new ArrayList<>());
        }
        entries.forEach(e -> byShard.get(CrlShards.shardOf(e.serial(), schedule.shards())).add(e));
        List<Future<SignedCrl>> signed = new ArrayList<>();
        // The full CRL goes on being published beside the shards: certificates issued before the CA was sharded
        // name it, and a CRL DP that 404s is a revocation nobody can see
        signed.add(counters.nextCrlNumber(caId).compose(n -> maker.make(issuer.ca, SignedCrl.FULL, null, n,
                thisUpdate, nextUpdate, entries)));
        for (int i = 0; i < schedule.shards(); i++) {
            int shard = i;
            signed.add(counters.nextCrlNumber(caId + "/" + shard).compose(n -> maker.make(issuer.ca, shard,
                    urls.crl(caId, shard), n, thisUpdate, nextUpdate, byShard.get(shard))));
        }
        return Future.all(signed).map(done -> signed.stream().map(Future::result).toList());
    }

    private static void notify(BiConsumer<String, List<RevokedEntry>> l, String caId, List<RevokedEntry> entries) {
        try {
            l.accept(caId, entries);
        } catch (RuntimeException e) {
            LOG.error("a CRL listener failed for {}", caId, e);
        }
    }

    private static String key(String caId, int shard) {
        return caId + "#" + shard;
    }
}
